/**
 * The local stack's credential keys: generated once per data directory and kept in
 * `DIR/credential-keys.json` (owner-only), so `npm run api -- --data-dir DIR` and
 * `npm run credential -- … --data-dir DIR` sign and verify with the same keys. On
 * AWS nothing here is used: the API is given the issuers' public keys.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREDENTIAL_KINDS, type CredentialSigningKeys, generateCredentialKeys } from '@medins/functions/api/credentials';

/** Where the local commands keep their keys unless told otherwise. */
export const DEFAULT_DATA_DIR = 'out/api';

export const keyFileOf = (dataDir: string) => join(dataDir, 'credential-keys.json');

function readKeys(file: string): CredentialSigningKeys | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const doc = JSON.parse(text) as Record<string, unknown>;
  for (const kind of CREDENTIAL_KINDS) if (!doc[kind] || typeof doc[kind] !== 'object') throw new Error(`${file}: no ${kind} key`);
  return doc as unknown as CredentialSigningKeys;
}

/** The data directory's keys, generated and written on first use (exclusively: two first uses keep one set). */
export async function loadOrCreateKeys(dataDir: string): Promise<CredentialSigningKeys> {
  const file = keyFileOf(dataDir);
  const existing = readKeys(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const keys = await generateCredentialKeys();
  try {
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readKeys(file) as CredentialSigningKeys;
  }
  return keys;
}
