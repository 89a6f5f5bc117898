/**
 * Issue 15, "a bounded state": the largest claim the API accepts (a body of
 * `MAX_BODY_BYTES`, 1,000 lines) still leaves a dead-letter record SQS takes when
 * its workflow fails for good. RecordFailure sends the event with the caught error
 * to the dead-letter queue, whose messages are bounded at 256 KiB (the template;
 * fauxqs refuses more as SQS does): the record must arrive, under the bound.
 */
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseScenario } from '@medins/contract';
import { MAX_BODY_BYTES } from '@medins/functions/api/http';
import { type LocalHandler, STATE_DATA_LIMIT_BYTES } from '@medins/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, startEmbedded } from '../src/index.ts';
import { familyWorld, relativeClaim } from './support/family-world.ts';
import { emptyTables } from './support/stack.ts';

const FAILING = 'c-largest-failing';
let embedded: Embedded;

/** The commit (DeductFromAccounts) of the failing claim throws an error no Retry matches: the workflow records the failure. */
const hook =
  (key: string, handler: LocalHandler): LocalHandler =>
  async (state, context) => {
    if (key === 'claims/deduct-from-accounts' && (state as { event?: { id?: string } }).event?.id === FAILING) {
      throw new Error(`injected fault in ${key}: ${'x'.repeat(4000)}`);
    }
    return handler(state, context);
  };

beforeAll(async () => {
  embedded = await startEmbedded({ wrapHandler: hook });
  const doc = familyWorld(2);
  await emptyTables(embedded);
  await embedded.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, parseScenario(doc).world);
});

afterAll(async () => {
  await embedded?.stop();
});

/** A claim of 1,000 lines whose JSON is as large as the API's body limit lets a claim be. */
function largestClaim() {
  const claim = relativeClaim(0, 1, FAILING);
  const lines = Array.from({ length: 1000 }, (_, i) => ({ code: `L${i}-`, category: 'A' as const, amountFen: 1000 }));
  const event = { ...claim, lines };
  let spare = MAX_BODY_BYTES - Buffer.byteLength(JSON.stringify(event));
  for (const line of lines) {
    const wide = Math.min(128 - line.code.length, Math.floor(spare / 3));
    line.code += '医'.repeat(wide);
    spare -= wide * 3;
  }
  return event;
}

describe('the dead-letter record of the largest claim', () => {
  it('reaches the dead-letter queue under 256 KiB when its workflow fails for good', async () => {
    const event = largestClaim();
    expect(Buffer.byteLength(JSON.stringify(event))).toBeGreaterThan(MAX_BODY_BYTES - 3);

    const run = await embedded.workflows.claim.run({ event, attempt: 0 });

    expect(run.status).toBe('FAILED');
    expect(run.states.map((s) => s.name).slice(-2)).toEqual(['RecordFailure', 'ClaimFailed']);
    const received = await embedded.stack.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: embedded.queueUrls['claims-dlq'], MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const records = received.Messages ?? [];
    for (const m of records) {
      await embedded.stack.sqs.send(
        new DeleteMessageCommand({ QueueUrl: embedded.queueUrls['claims-dlq'], ReceiptHandle: m.ReceiptHandle! }),
      );
    }
    expect(records).toHaveLength(1);
    const body = records[0]!.Body ?? '';
    expect((JSON.parse(body) as { event: { id: string } }).event.id).toBe(FAILING);
    console.info(`dead-letter record of the largest claim: ${Buffer.byteLength(body)} bytes`);
    expect(Buffer.byteLength(body)).toBeLessThan(STATE_DATA_LIMIT_BYTES);
  }, 120_000);
});
