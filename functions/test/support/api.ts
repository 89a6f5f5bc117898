/**
 * Test support: the HTTP API's dependencies around a test's in-memory store and
 * deps — the credentials verified with `keys`' public halves, principals looked
 * up in the store (a fresh directory: nothing cached).
 */
import { type CredentialSigningKeys, credentialVerifier, publicKeysOf } from '../../src/api/credentials.ts';
import type { ApiDeps } from '../../src/api/http.ts';
import { principalDirectory } from '../../src/api/principals.ts';
import type { TestDeps } from './deps.ts';

export function apiDepsOf(deps: TestDeps, keys: CredentialSigningKeys): ApiDeps {
  return {
    store: deps.store,
    queue: deps.queue,
    telemetry: deps.telemetry,
    clock: deps.clock,
    digest: deps.digest,
    credentials: credentialVerifier(publicKeysOf(keys)),
    principals: principalDirectory(deps.store),
  };
}
