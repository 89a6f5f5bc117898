/**
 * api/credentials.ts: short-lived JWS credentials (ES256): a token verifies only
 * as its own kind, before it expires, when signed by that kind's key; the API is
 * given public keys only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_KINDS,
  CredentialError,
  type CredentialSigningKeys,
  credentialVerifier,
  generateCredentialKeys,
  parsePublicKeys,
  publicKeysOf,
  signCredential,
} from '../../src/api/credentials.ts';

const T0 = Date.parse('2021-03-01T10:00:00+08:00');
let keys: CredentialSigningKeys;

beforeAll(async () => {
  keys = await generateCredentialKeys();
});

describe('credentials', () => {
  it('verifies each kind it signed, naming the member and the issue time', async () => {
    const verifier = credentialVerifier(publicKeysOf(keys));
    for (const kind of CREDENTIAL_KINDS) {
      const token = await signCredential(keys, kind, 'm1', T0);
      expect(await verifier.verify(kind, token, T0 + 1000)).toEqual({ memberId: 'm1', issuedAt: T0 });
    }
  });

  it('never takes one kind for another', async () => {
    const verifier = credentialVerifier(publicKeysOf(keys));
    for (const signed of CREDENTIAL_KINDS)
      for (const asked of CREDENTIAL_KINDS.filter((k) => k !== signed)) {
        const token = await signCredential(keys, signed, 'm1', T0);
        await expect(verifier.verify(asked, token, T0), `${signed} as ${asked}`).rejects.toBeInstanceOf(CredentialError);
      }
  });

  it('refuses an expired voucher or face statement, and one from another key', async () => {
    const verifier = credentialVerifier(publicKeysOf(keys));
    const other = await generateCredentialKeys();

    await expect(verifier.verify('voucher', await signCredential(keys, 'voucher', 'm1', T0), T0 + 6 * 60_000)).rejects.toThrow(
      'has expired',
    );
    await expect(verifier.verify('face', await signCredential(keys, 'face', 'm1', T0), T0 + 6 * 60_000)).rejects.toThrow(CredentialError);
    await expect(verifier.verify('voucher', await signCredential(other, 'voucher', 'm1', T0), T0)).rejects.toThrow(
      'is not signed by the expected key',
    );
    await expect(verifier.verify('voucher', 'x'.repeat(5000), T0)).rejects.toThrow('too long');
  });

  it('takes public keys only from configuration', () => {
    const text = JSON.stringify(publicKeysOf(keys));
    expect(Object.keys(parsePublicKeys(text))).toEqual(['voucher', 'face', 'member']);
    expect(() => parsePublicKeys(JSON.stringify(keys))).toThrow('holds a private key');
    expect(() => parsePublicKeys(JSON.stringify({ voucher: {} }))).toThrow('voucher is not an EC public JWK');
  });
});
