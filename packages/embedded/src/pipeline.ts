/**
 * The pipeline replay: a scenario's world loaded into the tables, each event sent
 * through its queue and its workflow, one after another (each finished before
 * the next is sent), a renewal campaign run by the renewal workflow as the
 * schedule would start it, and the outcome read back from the tables.
 */
import { parseJsonText, parseScenario, sealEvent } from '@medins/contract';
import { MedinsError, type Outcome } from '@medins/engine';
import { queueFor } from '@medins/functions/shared/queue-sender';
import type { Embedded } from './embedded.ts';
import { readAccounts, readResults } from './readback.ts';

/** An event or a campaign did not settle through the pipeline. */
export class PipelineError extends MedinsError {
  override readonly name = 'PipelineError';
  readonly code = 'PIPELINE_FAILED';
}

type RawEvent = { id: string; type: string };
type RawScenario = { regions: unknown[]; plans: unknown[]; providers: unknown[]; review?: unknown; events: RawEvent[] };

/** Runs a renewal campaign through the renewal workflow; its report is stored under the campaign's id. */
export async function runCampaignWorkflow(embedded: Embedded, event: unknown): Promise<void> {
  const run = await embedded.workflows.renewal.run({ event, attempt: 0 });
  if (run.status === 'FAILED') throw new PipelineError(`renewal campaign failed: ${run.error} ${run.cause}`);
  if (run.status !== 'SUCCEEDED') throw new PipelineError(`renewal campaign ended ${run.status}`);
}

/**
 * Sends one event (as the queues carry it: personal data sealed, `sealEvent`) through its queue and waits until its
 * workflow has finished — for a decision that resumed a held claim's review, until the review workflow committed it.
 */
export async function sendAndWait(embedded: Embedded, event: RawEvent): Promise<void> {
  const settled = embedded.settlements.expect(event.id);
  await embedded.send(queueFor(event.type), JSON.stringify(event));
  if ((await settled) === 'deadLettered')
    throw new PipelineError(`event ${event.id} failed every attempt and went to the dead-letter queue`);
  if (event.type === 'reviewDecision') await committed(embedded, event.id);
}

/** Waits until an event's outcome is in the events table. */
async function committed(embedded: Embedded, eventId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await embedded.store.readResult(eventId))) {
    if (Date.now() > deadline) throw new PipelineError(`decision ${eventId} resumed its review but was not committed in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Throws a ContractError (exit 2) for an invalid document before anything is written. */
export async function replayThroughPipeline(embedded: Embedded, text: string): Promise<Outcome> {
  const json = parseJsonText(text, 'scenario');
  const scenario = parseScenario(json, embedded.digest);
  const raw = json as RawScenario;
  await embedded.seed({ regions: raw.regions, plans: raw.plans, providers: raw.providers, review: raw.review }, scenario.world);
  embedded.startWorkers();
  // Sealed as the API seals what it queues: no clear name, ID number or phone enters a queue.
  for (const event of scenario.doc.events.map((e) => sealEvent(e, embedded.digest))) {
    if (event.type === 'renewalCampaign') await runCampaignWorkflow(embedded, event);
    else await sendAndWait(embedded, event);
  }
  const results = await readResults(
    embedded.store,
    raw.events.map((e) => e.id),
  );
  const missing = raw.events.filter((_, i) => results[i] === null).map((e) => e.id);
  if (missing.length > 0) throw new PipelineError(`no result recorded for ${missing.slice(0, 5).join(', ')}`);
  return { results: results as Outcome['results'], balances: await readAccounts(embedded.store) };
}
