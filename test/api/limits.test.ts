/**
 * Issue 15, "a bounded state": the largest request the API accepts fits every
 * bound AWS puts on its path, with room to spare — the claims queue's message
 * (256 KiB), each state of the workflow (Step Functions: 256 KiB of UTF-8 JSON,
 * enforced by the local interpreter) — and one byte more is answered 413
 * before anything is queued. (A dead-letter record is the message, or the event
 * and the caught error: under 256 KiB by the error's cause, at most 32 KiB.)
 * - the largest accepted claim: 1,000 cost lines whose codes are as long and as
 *   wide (3-byte characters) as the body limit lets them be, the body exactly at
 *   the limit, settled through the API, the queue and the ClaimWorkflow;
 * - the largest enrollment: every id at 128 characters is not possible in a seeded
 *   world, so its free text is at the maximum (the payer's name, 64 characters of
 *   3 bytes; ID number and phone at 32), sealed by the API, enrolled by the workflow;
 * - the emulators refuse what AWS refuses: a message over 256 KiB with
 *   InvalidParameterValue, a state over it with States.DataLimitExceeded
 *   (packages/local-stack/test/workflow/limits.test.ts).
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { STATE_DATA_LIMIT_BYTES, stateDataBytes } from '@medins/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import { API_NOW, answerOf, type Call, claim, enrollment, eventFor, outcome, PEOPLE, TWO_CITIES } from './support/state.ts';

/** The room every state and message keeps under its bound: the largest seen is at most this share of it. */
const HEADROOM = 0.8;

let api: LocalApi;
const queued: string[] = [];
/** The largest input and output each workflow handler saw, in UTF-8 bytes of JSON. */
const largest = new Map<string, number>();

beforeAll(async () => {
  api = await startLocalApi({
    world: demoFromScenarioText(JSON.stringify(TWO_CITIES), 'two cities'),
    port: 0,
    startAt: API_NOW,
    onQueued: (_q, body) => void queued.push(body),
    witness: {
      handler(key, input, output) {
        const bytes = Math.max(stateDataBytes(input), stateDataBytes(output));
        largest.set(key, Math.max(largest.get(key) ?? 0, bytes));
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

const call = async (c: Call) => answerOf((await api.invoke(eventFor(c))) as never);

/**
 * A claim of 1,000 lines whose body is exactly `bytes` long: each line's code
 * grown in 3-byte characters (up to 128), the last bytes in ASCII.
 */
function largestClaim(id: string, bytes: number): string {
  const base = claim(id, 'qz-1', 'H-QZ-3') as { lines: unknown[] };
  const lines = Array.from({ length: 1000 }, (_, i) => ({
    code: `L${i}-`,
    category: 'B',
    amountFen: 9_999_999,
    selfPayRatio: 0.123456789,
    onLabel: true,
  }));
  const text = () => JSON.stringify({ ...base, id, lines });
  let spare = bytes - Buffer.byteLength(text());
  for (const line of lines) {
    const room = 128 - line.code.length;
    const wide = Math.min(room, Math.floor(spare / 3));
    line.code += '医'.repeat(wide);
    spare -= wide * 3;
  }
  for (const line of lines) {
    const narrow = Math.min(128 - line.code.length, spare);
    line.code += 'x'.repeat(narrow);
    spare -= narrow;
  }
  const body = text();
  if (Buffer.byteLength(body) !== bytes) throw new Error(`a claim of ${bytes} bytes cannot be built (${Buffer.byteLength(body)})`);
  return body;
}

const voucher = async (memberId: string) => ({ 'x-medins-credential': await api.credential('voucher', memberId) });
const provider = 'arn:aws:iam::000000000000:role/test-hospital-quzhou';

describe('the largest accepted request fits every bound on its path', () => {
  it('settles a claim of 1,000 lines at the body limit, every state and message under 80 % of its bound; one byte more is 413', async () => {
    const { registerPrincipals } = await import('../../packages/cli/src/api/demo.ts');
    await registerPrincipals(api.embedded.store, [{ id: provider, role: 'provider', providerIds: ['H-QZ-3'] }]);
    const limit = api.http.MAX_BODY_BYTES;
    const body = largestClaim('c-largest', limit);

    const over = await call({ method: 'POST', path: '/claims', principal: provider, body: `${body} `, headers: await voucher('qz-1') });
    expect(over.status, over.text).toBe(413);
    expect(queued).toEqual([]);

    const accepted = await call({ method: 'POST', path: '/claims', principal: provider, body, headers: await voucher('qz-1') });
    expect(accepted.status, accepted.text).toBe(202);
    const settled = await outcome(() => call({ method: 'GET', path: '/events/c-largest', principal: provider }), 60_000);
    expect(settled.status).toBe('settled');

    const message = Math.max(...queued.map((q) => Buffer.byteLength(q)));
    const states = Math.max(...largest.values());
    console.info(
      `body ${limit} B; message ${message} B; largest state ${states} B (${Object.entries(Object.fromEntries(largest))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    expect(message).toBeLessThanOrEqual(HEADROOM * STATE_DATA_LIMIT_BYTES);
    expect(states).toBeLessThanOrEqual(HEADROOM * STATE_DATA_LIMIT_BYTES);
  }, 120_000);

  it('enrolls with its free text at the maximum, every state small', async () => {
    largest.clear();
    const doc = enrollment('e-largest', 'huiqubao-2024', { ...PEOPLE.qz1, name: '张'.repeat(64) }, 'qz-1') as Record<string, unknown>;
    const accepted = await call({ method: 'POST', path: '/enrollments', member: 'qz-1', body: JSON.stringify(doc) });
    expect(accepted.status, accepted.text).toBe(202);
    const done = await outcome(() => call({ method: 'GET', path: '/me/events/e-largest', member: 'qz-1' }), 60_000);
    expect(['enrolled', 'rejected']).toContain(done.status);
    const states = Math.max(...largest.values());
    console.info(`enrollment: largest state ${states} B`);
    expect(states).toBeLessThanOrEqual(HEADROOM * STATE_DATA_LIMIT_BYTES);
  }, 120_000);

  it('refuses a message over 256 KiB on the claims queue as SQS does, and takes one at 256 KiB', async () => {
    const send = (bytes: number) =>
      api.embedded.stack.sqs.send(
        new SendMessageCommand({ QueueUrl: api.embedded.queueUrls['claims-dlq'], MessageBody: 'x'.repeat(bytes) }),
      );
    await expect(send(256 * 1024)).resolves.toMatchObject({ MessageId: expect.any(String) });
    await expect(send(256 * 1024 + 1)).rejects.toMatchObject({
      name: expect.stringMatching(/InvalidParameterValue$/),
      message: expect.stringContaining('Message must be shorter than 262144 bytes'),
    });
  });
});
