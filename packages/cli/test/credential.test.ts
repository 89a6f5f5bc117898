/**
 * `npm run credential` and the local stack's keys: generated once per data
 * directory (owner-only), read back by every later use, so the credentials it
 * prints verify with the keys `npm run api -- --data-dir DIR` uses.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialVerifier, publicKeysOf } from '@medins/functions/api/credentials';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instant, UsageError } from '../src/args.ts';
import { credentialCommand, credentialFor } from '../src/credential.ts';
import { keyFileOf, loadOrCreateKeys } from '../src/credential-keys.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'medins-keys-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the data directory’s keys', () => {
  it('are generated once, owner-only, and read back the same', async () => {
    const first = await loadOrCreateKeys(join(dir, 'api'));
    const again = await loadOrCreateKeys(join(dir, 'api'));

    expect(again).toEqual(first);
    expect(statSync(keyFileOf(join(dir, 'api'))).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file without every kind', async () => {
    writeFileSync(keyFileOf(dir), JSON.stringify({ voucher: {} }));

    await expect(loadOrCreateKeys(dir)).rejects.toThrow('no face key');
  });
});

describe('credentialFor', () => {
  it('prints a credential of each kind that verifies with the directory’s public keys, at the time asked', async () => {
    const at = instant('2024-04-01T10:00:00+08:00', '--now');
    for (const kind of ['voucher', 'face', 'member'] as const) {
      const token = await credentialFor(credentialCommand.parse([kind, 'qz-1', '--data-dir', dir, '--now', '2024-04-01T10:00:00+08:00']));
      const verifier = credentialVerifier(publicKeysOf(await loadOrCreateKeys(dir)));
      expect(await verifier.verify(kind, token, at + 1000)).toEqual({ memberId: 'qz-1', issuedAt: at });
    }
  });

  it('refuses an unknown kind, a missing member and a malformed time', async () => {
    await expect(credentialFor(credentialCommand.parse(['card', 'qz-1', '--data-dir', dir]))).rejects.toThrow(UsageError);
    expect(() => credentialCommand.parse(['voucher', '--data-dir', dir])).toThrow('missing MEMBER_ID');
    expect(() => credentialCommand.parse(['voucher', 'qz-1', '--now', 'yesterday'])).toThrow('--now must be an ISO 8601 time');
  });
});
