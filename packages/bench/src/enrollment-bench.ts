/**
 * The enrollment spike: the last minutes before the Dec 31 deadline as one burst
 * into the enrollments queue — every household's requests at once, a tenth of
 * them delivered twice — against raw TransactWriteItems of the same shapes at the
 * same concurrency. What was accepted after the deadline and what was lost are
 * counted from the tables, not from the run's bookkeeping.
 */
import { parseScenario, sealEventDoc } from '@medins/contract';
import { readEventItems, waitForEmptyQueues } from '@medins/embedded';
import { type BenchStack, cpuOf, profiled, rawReferences } from './stack.ts';
import { atOf, enrollmentRush } from './worlds.ts';

export interface SpikeFigures {
  readonly enrollments: number;
  readonly enrollmentsPerSec: number;
  /** Raw transactions doing what the run's did (stack.ts `rawTransactions`, `asRun`): the ratio's reference. */
  readonly storeTxPerSec: number;
  readonly ratio: number;
  /** Raw transactions of the same sizes writing only fresh items, the reference before issue 15's fourth step. */
  readonly insertTxPerSec: number;
  readonly insertRatio: number;
  readonly acceptedAfterDeadline: number;
  readonly lost: number;
  /** Messages sent, redeliveries included. */
  readonly messages: number;
  readonly enrolled: number;
  readonly rejected: number;
  readonly deadLettered: number;
  /** CPU per enrollment (this process; DynamoDB Local's JVM) and per raw transaction. */
  readonly cpuMs: { readonly node: number; readonly dynamodb: number; readonly rawNode: number; readonly rawDynamodb: number };
}

export async function benchEnrollmentSpike(bs: BenchStack, families: number, concurrency: number): Promise<SpikeFigures> {
  const { embedded } = bs;
  const rush = enrollmentRush({ families, year: 2027, prefix: 'spike-', seed: 2, maxRelatives: 2 });
  await embedded.seed(
    { regions: rush.doc.regions ?? [], plans: rush.doc.plans, providers: [] },
    parseScenario(rush.doc, embedded.digest).world,
  );
  // Sealed before they are queued, as the API seals them (the sealing is the API's cost, not the pipeline's).
  const sealed = rush.events.map((e) => sealEventDoc(e, embedded.digest));
  const messages = sealed.flatMap((e, i) => (i % 10 === 0 ? [e, e] : [e]));
  const ids = [...new Set(rush.events.map((e) => e.id))];

  bs.meter.reset();
  const settled = ids.map((id) => embedded.settlements.expect(id));
  const started = performance.now();
  const burst = await cpuOf(embedded, () =>
    profiled('enrollment-spike', async () => {
      // The burst: everything at once; the queue takes it and the workers drain it.
      await Promise.all(messages.map((e) => embedded.send('enrollments', JSON.stringify(e))));
      return Promise.all(settled);
    }),
  );
  const outcomes = burst.value;
  const seconds = (performance.now() - started) / 1000;
  await waitForEmptyQueues(embedded);

  // From the tables: one outcome per event id, and the instant each names.
  const items = (await readEventItems(embedded.store)).filter((i) => i.type === 'enroll' && i.eventId.startsWith('spike-'));
  const applied = new Set(items.map((i) => i.eventId));
  const acceptedAfterDeadline = items.filter(
    (i) => i.status === 'enrolled' && atOf(JSON.parse(i.event ?? '{}') as { at: string }) > rush.closesAt,
  ).length;
  const { asRun: raw, insertsPerSec: insertTxPerSec } = await rawReferences(bs, ids.length, concurrency, 'enrollments', 'enrollment-raw');
  const storeTxPerSec = raw.value;
  const per = (ms: number) => Math.round((ms / ids.length) * 100) / 100;
  const enrollmentsPerSec = ids.length / seconds;
  return {
    enrollments: ids.length,
    enrollmentsPerSec: Math.round(enrollmentsPerSec * 10) / 10,
    storeTxPerSec: Math.round(storeTxPerSec * 10) / 10,
    ratio: Math.round((enrollmentsPerSec / storeTxPerSec) * 1000) / 1000,
    insertTxPerSec: Math.round(insertTxPerSec * 10) / 10,
    insertRatio: Math.round((enrollmentsPerSec / insertTxPerSec) * 1000) / 1000,
    acceptedAfterDeadline,
    lost: ids.filter((id) => !applied.has(id)).length,
    messages: messages.length,
    enrolled: items.filter((i) => i.status === 'enrolled').length,
    rejected: items.filter((i) => i.status === 'rejected').length,
    deadLettered: outcomes.filter((o) => o === 'deadLettered').length,
    cpuMs: { node: per(burst.nodeMs), dynamodb: per(burst.dynamodbMs), rawNode: per(raw.nodeMs), rawDynamodb: per(raw.dynamodbMs) },
  };
}
