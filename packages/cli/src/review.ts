/**
 * `npm run --silent review -- decide CLAIM_ID approve|reject [--reject-line CODE …]`:
 * a reviewer decides a held claim (人工审核) through the API's `POST /reviews`, as
 * the reviewers' tool would: against `npm run api` by default (its demo reviewer
 * principal), or any deployment's URL with the reviewer's principal. Prints the
 * API's answer (202 and where to read the outcome, or the refusal naming the field
 * and rule); exit 0 when accepted, 1 when refused, 2 for bad arguments.
 */
import { PRINCIPAL_HEADER } from './api/gateway.ts';
import { defineCommand, runAsMain, text, UsageError, type Values } from './args.ts';

const DECISIONS = ['approve', 'reject'] as const;
type Decision = (typeof DECISIONS)[number];

export const reviewCommand = defineCommand({
  name: 'npm run --silent review --',
  summary:
    'A reviewer decides a held claim through POST /reviews: approve (optionally without the lines named by --reject-line) or reject. ' +
    'Prints the API answer; exit 0 when accepted, 1 when refused.',
  options: {
    url: {
      type: 'string',
      value: 'URL',
      help: 'the API (default the one npm run api serves)',
      parse: text,
      default: 'http://127.0.0.1:8080',
    },
    principal: {
      type: 'string',
      value: 'ARN',
      help: 'the reviewer principal (npm run api prints its demo reviewer)',
      parse: text,
    },
    id: { type: 'string', value: 'ID', help: "the decision's event id (default CLAIM_ID-review)", parse: text },
    'reject-line': {
      type: 'string',
      value: 'CODE',
      help: 'a line code the approval removes (repeatable; approve only)',
      parse: text,
      multiple: true,
    },
  },
  operands: [
    { name: 'ACTION', help: 'decide' },
    { name: 'CLAIM_ID', help: "the held claim's id, as the API stored it" },
    { name: 'DECISION', help: DECISIONS.join(' | ') },
  ],
});

/** The body `POST /reviews` receives (the server stamps `at`), from the parsed arguments; throws a UsageError. */
export function decisionBody(operands: readonly string[], values: Values<typeof reviewCommand.spec.options>) {
  const [action, claimId, decision] = operands;
  if (action !== 'decide') throw new UsageError(`ACTION must be decide, got ${JSON.stringify(action ?? '')}`, { entity: 'ACTION' });
  if (!claimId) throw new UsageError('CLAIM_ID is required', { entity: 'CLAIM_ID' });
  if (!DECISIONS.includes(decision as Decision))
    throw new UsageError(`DECISION must be one of ${DECISIONS.join(', ')}, got ${JSON.stringify(decision ?? '')}`, { entity: 'DECISION' });
  const rejectedLines = values['reject-line'] as readonly string[];
  if (decision === 'reject' && rejectedLines.length > 0)
    throw new UsageError('--reject-line removes lines from an approval; a rejection rejects the whole claim', { entity: '--reject-line' });
  return { type: 'reviewDecision', id: values.id ?? `${claimId}-review`, claimId, decision: decision as Decision, rejectedLines };
}

/**
 * Sends the decision and prints the answer.
 * @example await decide(['decide', 'c-000421', 'approve'], { url: 'http://127.0.0.1:8080', principal: arn, 'reject-line': ['O-D0135'] })
 */
export async function decide(
  operands: readonly string[],
  values: Values<typeof reviewCommand.spec.options>,
  io: { fetch: typeof fetch; stdout: { write(s: string): unknown } } = { fetch, stdout: process.stdout },
): Promise<number> {
  const body = decisionBody(operands, values);
  if (!values.principal) throw new UsageError('--principal is required: the reviewer the API knows', { entity: '--principal' });
  const answer = await io.fetch(new URL('/reviews', values.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: values.principal },
    body: JSON.stringify(body),
  });
  io.stdout.write(`${answer.status} ${(await answer.text()).trim()}\n`);
  return answer.ok ? 0 : 1;
}

if (import.meta.main) runAsMain(reviewCommand, ({ operands, values }) => decide(operands, values));
