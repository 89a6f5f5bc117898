/**
 * `npm run --silent credential -- KIND MEMBER_ID [--data-dir DIR]`: prints a fresh
 * credential signed with the local stack's keys (the same keys `npm run api --
 * --data-dir DIR` verifies with; generated on first use):
 * - `voucher`: the patient's medical e-voucher (医保电子凭证), header x-medins-credential;
 * - `face`: a face verifier's signed statement, header x-medins-face-verification;
 * - `member`: a member's bearer token, header `Authorization: Bearer …`.
 * On AWS the issuers sign (the national platform, the verifier, the identity
 * provider); this command is the local stand-in for them.
 */
import { CREDENTIAL_KINDS, type CredentialKind, signCredential } from '@medins/functions/api/credentials';
import { defineCommand, instant, type Parsed, runAsMain, text, UsageError } from './args.ts';
import { DEFAULT_DATA_DIR, loadOrCreateKeys } from './credential-keys.ts';

export const credentialCommand = defineCommand({
  name: 'npm run --silent credential --',
  summary:
    'Prints a fresh credential for a member, signed with the keys of the data directory that npm run api uses: ' +
    'voucher (the e-voucher a provider presents with a claim or quote), face (a face verification for a viewer binding), ' +
    'member (a bearer token for the member routes).',
  options: {
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help: `where the keys are (default ${DEFAULT_DATA_DIR})`,
      parse: text,
      default: DEFAULT_DATA_DIR,
    },
    now: {
      type: 'string',
      value: 'TIME',
      help: 'issue it at this ISO 8601 time instead of now, to match a server started with --now TIME',
      parse: instant,
    },
  },
  operands: [
    { name: 'KIND', help: CREDENTIAL_KINDS.join(' | ') },
    { name: 'MEMBER_ID', help: 'the member it is about' },
  ],
});

/** The credential the command prints, for the parsed arguments. */
export async function credentialFor(parsed: Parsed<typeof credentialCommand.spec.options>): Promise<string> {
  const [kind, memberId] = parsed.operands;
  if (!CREDENTIAL_KINDS.includes(kind as CredentialKind))
    throw new UsageError(`KIND must be one of ${CREDENTIAL_KINDS.join(', ')}, got ${JSON.stringify(kind ?? '')}`, { entity: 'KIND' });
  const keys = await loadOrCreateKeys(parsed.values['data-dir']);
  return signCredential(keys, kind as CredentialKind, String(memberId), parsed.values.now ?? Date.now());
}

if (import.meta.main) {
  runAsMain(credentialCommand, async (parsed) => {
    process.stdout.write(`${await credentialFor(parsed)}\n`);
    return 0;
  });
}
