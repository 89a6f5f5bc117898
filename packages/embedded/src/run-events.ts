/**
 * Running a timeline of events through the queues concurrently, as a city's
 * traffic would arrive: up to a window of messages in flight at once, a reversal
 * only after its claim has finished, and a renewal campaign (a scheduled,
 * whole-product job) only once everything sent before it has finished. The
 * workers decide how many run at once; this only keeps them fed. Events that
 * finish may bring follow-ups (a held claim's decision, on its reviewer's time):
 * they join the timeline at their instant, or at once when the timeline is past it.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { type Embedded, queueFor } from './embedded.ts';
import { PipelineError, runCampaignWorkflow } from './pipeline.ts';

export interface RawEvent {
  readonly id: string;
  readonly type: string;
  readonly claimId?: string;
  /** Its instant (ISO 8601): where a follow-up joins the timeline. */
  readonly at?: string;
}

export interface RunEventsOptions {
  /** Messages in flight at most (default: 2 × the workers, so none idles). */
  readonly window: number;
  /** Copies of a message to send (chaos: duplicate deliveries); default 1. */
  readonly copies?: (event: RawEvent) => number;
  /** When a later copy goes out: at once (while the first is in flight) or after it finished. */
  readonly copyWhileInFlight?: (event: RawEvent, copy: number) => boolean;
  /** Events sent at once, without waiting for room in the window (a burst, e.g. the chaos run's hot family). */
  readonly burst?: (event: RawEvent) => boolean;
  /**
   * Asked as each event finishes (first copy): events that follow from it, e.g. the
   * reviewer's decision on a held claim. They join the timeline by their `at`.
   */
  readonly followUps?: (event: RawEvent) => Promise<readonly RawEvent[]>;
  /** Called as each event finishes (first copy). */
  readonly onFinished?: (event: RawEvent) => void;
}

export interface RunEventsReport {
  /** Messages sent, copies included. */
  readonly delivered: number;
  /** Copies beyond the first. */
  readonly duplicatesInjected: number;
  /** Events whose every attempt failed: they are in a dead-letter queue. */
  readonly deadLettered: string[];
  readonly seconds: number;
}

export async function runEvents(embedded: Embedded, events: readonly RawEvent[], options: RunEventsOptions): Promise<RunEventsReport> {
  const started = performance.now();
  const inFlight = new Map<string, Promise<void>>();
  const deadLettered: string[] = [];
  let delivered = 0;
  let duplicates = 0;
  const later: Promise<void>[] = [];

  const send = async (event: RawEvent) => {
    delivered++;
    await embedded.send(queueFor(event.type), JSON.stringify(event));
  };

  const track = (event: RawEvent) => {
    const copies = Math.max(1, options.copies?.(event) ?? 1);
    const settled = embedded.settlements.expect(event.id);
    const done = (async () => {
      await send(event);
      for (let c = 1; c < copies; c++) {
        if (options.copyWhileInFlight?.(event, c) ?? true) {
          duplicates++;
          await send(event);
        }
      }
      const how = await settled;
      if (how === 'deadLettered') deadLettered.push(event.id);
      for (let c = 1; c < copies; c++) {
        if (!(options.copyWhileInFlight?.(event, c) ?? true)) {
          duplicates++;
          later.push(send(event));
        }
      }
      for (const next of (await options.followUps?.(event)) ?? []) join(next);
      options.onFinished?.(event);
    })().finally(() => inFlight.delete(event.id));
    inFlight.set(event.id, done);
  };

  // The timeline still to send; follow-ups are placed into it by instant, never before what was sent.
  const pending = [...events];
  let cursor = 0;
  const instant = (e: RawEvent) => (e.at === undefined ? Number.POSITIVE_INFINITY : Date.parse(e.at));
  const join = (next: RawEvent) => {
    let i = cursor;
    while (i < pending.length && instant(pending[i]!) <= instant(next)) i++;
    pending.splice(i, 0, next);
  };

  for (;;) {
    if (cursor >= pending.length) {
      if (inFlight.size === 0) break;
      await Promise.race(inFlight.values());
      continue;
    }
    const event = pending[cursor++]!;
    if (event.type === 'renewalCampaign') {
      await Promise.all(inFlight.values());
      await runCampaignWorkflow(embedded, event);
      options.onFinished?.(event);
      continue;
    }
    if ((event.type === 'reverseClaim' || event.type === 'reviewDecision') && event.claimId) await inFlight.get(event.claimId);
    // A repeated id in the timeline waits for its first copy (as a resend after a timeout would).
    await inFlight.get(event.id);
    if (!options.burst?.(event)) while (inFlight.size >= options.window) await Promise.race(inFlight.values());
    track(event);
  }
  await Promise.all(later);
  await waitForEmptyQueues(embedded);
  await waitForIdleReviews(embedded);
  return { delivered, duplicatesInjected: duplicates, deadLettered, seconds: (performance.now() - started) / 1000 };
}

/**
 * Waits until every review workflow is parked on a task token or ended: a decision
 * that resumed a review has been committed (or, failing, recorded in the
 * dead-letter queue and the review opened again) — the queues alone do not say so,
 * as the consumer lets go of a decision once it resumed the review.
 */
export async function waitForIdleReviews(embedded: Embedded, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ended = new Set<Promise<unknown>>();
  for (;;) {
    const runs = [...embedded.reviews.executions.values()];
    for (const run of runs)
      if (!ended.has(run))
        void run.then(
          () => ended.add(run),
          () => ended.add(run),
        );
    await new Promise((r) => setTimeout(r, 50));
    const running = runs.filter((run) => !ended.has(run)).length;
    if (running === embedded.reviews.tokens.open) return;
    if (Date.now() > deadline)
      throw new PipelineError(`${running - embedded.reviews.tokens.open} reviews still settling after ${timeoutMs} ms`, {
        entity: 'reviews',
      });
  }
}

/** Waits until no message is waiting or in flight on the claims and enrollments queues. */
export async function waitForEmptyQueues(embedded: Embedded, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let outstanding = 0;
    for (const url of [embedded.queueUrls.claims, embedded.queueUrls.enrollments]) {
      const out = await embedded.stack.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      const a = out.Attributes ?? {};
      outstanding +=
        Number(a.ApproximateNumberOfMessages ?? 0) +
        Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
    }
    if (outstanding === 0) return;
    if (Date.now() > deadline) throw new PipelineError(`${outstanding} messages still queued after ${timeoutMs} ms`, { entity: 'queues' });
    await new Promise((r) => setTimeout(r, 100));
  }
}
