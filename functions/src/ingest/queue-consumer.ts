/**
 * The queue consumer (claims queue and enrollments queue): one workflow execution
 * per message, keyed by the event id, with partial batch failure reporting. Messages
 * naming the same member or event run one after another (lanes.ts), the rest in parallel.
 * handler → validate (zod) → start the workflow and wait (Express sync) → report.
 * A duplicate delivery is harmless: the commit is conditional on the event id (no
 * Powertools idempotency record: it would cost a write on every message to spare a
 * second workflow run on well under 1 % of them, docs/cost.md). A
 * message that is not a valid event is parked in the dead-letter queue with the
 * reason at once: retrying cannot fix it. An execution that recorded its own failure
 * in the dead-letter queue (`EventDeadLettered`) is acknowledged; any other failure
 * is reported, so the queue delivers the event again.
 */

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ContractError, parseEvent, parseJsonText, type SealedEventDoc } from '@medins/contract';
import { ConfigurationError, MedinsError } from '@medins/engine';
import type { EventFailure, FailureStore, ReviewTaskStore } from '@medins/store/ports';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import type { ReviewDesk } from '../shared/review-desk.ts';
import type { Telemetry } from '../shared/telemetry.ts';
import { EVENT_DEAD_LETTERED, type WorkflowStarter, workflowFor } from '../shared/workflow-starter.ts';
import { routeDecision } from '../use-cases/route-decision.ts';
import { contentionKeys, EXECUTION_MARGIN_MS, lanes } from './lanes.ts';

/** The event's workflow did not end: the message is reported failed and delivered again. */
export class WorkflowFailedError extends MedinsError {
  override readonly name = 'WorkflowFailedError';
  readonly code = 'WORKFLOW_FAILED';
}

/** A message whose turn in its lane came too late in the invocation (lanes.ts, EXECUTION_MARGIN_MS): delivered again. */
export class LaneDeferredError extends MedinsError {
  override readonly name = 'LaneDeferredError';
  readonly code = 'LANE_DEFERRED';
}

/** A reviewer's decision that cannot be placed yet (its claim's review is not open, or another decision is settling it): delivered again. */
export class ReviewNotReadyError extends MedinsError {
  override readonly name = 'ReviewNotReadyError';
  readonly code = 'REVIEW_NOT_READY';
}

export interface ConsumerOptions {
  readonly starter: WorkflowStarter;
  /** Where invalid messages are parked; unset: they fail and reach the DLQ by redrive policy. */
  readonly deadLetterQueueUrl?: string;
  readonly sqs?: SQSClient;
  readonly telemetry: Telemetry;
  /** Where a failure for good is made visible on the event's route (the API's accept record); unset: only the DLQ knows. */
  readonly failures?: FailureStore;
  /**
   * The queue's `maxReceiveCount`: a message that fails on this receive is moved to the
   * dead-letter queue by the redrive policy, so its failure is for good and the route says so.
   */
  readonly maxReceiveCount?: number;
  /** Where reviewers' decisions go (use-cases/route-decision.ts); unset: a decision is decided as a one-step event. */
  readonly decisions?: {
    readonly store: Pick<ReviewTaskStore, 'readResult' | 'readReviewTask'>;
    readonly reviews: ReviewDesk | undefined;
  };
}

/** What the route of an event shows once the queue gave up on it. */
export const RETRIES_EXHAUSTED: EventFailure = {
  code: 'RETRIES_EXHAUSTED',
  message: 'the event failed on every delivery and is in the dead-letter queue for operations to redrive',
};

/**
 * The failure the event's route shows, from the workflow's cause (a Lambda error's
 * `{errorType, errorMessage}` JSON, or plain text): the error's name as its code.
 */
export function failureOf(cause: string | undefined): EventFailure {
  try {
    const parsed = JSON.parse(cause ?? '') as { errorType?: unknown; errorMessage?: unknown };
    if (parsed && typeof parsed === 'object' && typeof parsed.errorType === 'string') {
      const message = typeof parsed.errorMessage === 'string' ? parsed.errorMessage : parsed.errorType;
      return { code: parsed.errorType, message: message.slice(0, 500) };
    }
  } catch {
    // not JSON: the cause is the message
  }
  return { code: 'EVENT_FAILED', message: (cause || 'the event failed for good').slice(0, 500) };
}

export function createConsumer(options: ConsumerOptions) {
  const sqs = options.sqs ?? new SQSClient({});
  const { logger, metrics } = options.telemetry;

  /** Shows the failure on the event's route; a failure to do so is logged and counted, never retried with the message. */
  async function recordFailure(eventId: string, failure: EventFailure): Promise<void> {
    try {
      await options.failures?.failAccepted(eventId, failure);
    } catch (e) {
      logger.error('the failure could not be recorded on the event’s route', { eventId, error: (e as Error).name });
      metrics.addMetric('FailureNotRecorded', 'Count', 1);
    }
  }

  async function processEvent(doc: { id: string; type: string }): Promise<{ eventId: string; status: string }> {
    if (doc.type === 'reviewDecision' && options.decisions) {
      const decision = doc as SealedEventDoc & { type: 'reviewDecision' };
      const route = await routeDecision(options.decisions.store, options.decisions.reviews, decision);
      if (route === 'resumed') {
        metrics.addMetric('ReviewResumed', 'Count', 1);
        return { eventId: doc.id, status: 'resumed' };
      }
      if (route === 'wait') {
        metrics.addMetric('ReviewNotReady', 'Count', 1);
        throw new ReviewNotReadyError(`the review of ${decision.claimId} cannot take a decision yet`, { entity: `events|${doc.id}` });
      }
    }
    const run = await options.starter.run(workflowFor(doc.type), { event: doc as never, attempt: 0 }, doc.id);
    if (run.status === 'FAILED' && run.error === EVENT_DEAD_LETTERED) {
      // The workflow put the event and the reason in the dead-letter queue: delivering it again would record it twice.
      logger.warn('event dead-lettered by its workflow', { eventId: doc.id, cause: run.cause });
      metrics.addMetric('EventDeadLettered', 'Count', 1);
      // The route must say so (never "may still be queued"). Not retried with the message: running the workflow
      // again would record the event in the dead-letter queue twice; a record left `queued` is counted and logged.
      await recordFailure(doc.id, failureOf(run.cause));
      return { eventId: doc.id, status: 'deadLettered' };
    }
    if (run.status !== 'SUCCEEDED') {
      metrics.addMetric('WorkflowFailed', 'Count', 1);
      throw new WorkflowFailedError(`the workflow ended ${run.status}: ${run.error ?? ''}`, { entity: `events|${doc.id}` });
    }
    const output = run.output as { outcome?: { result?: { status?: string } }; loaded?: { prior?: { status?: string } } } | undefined;
    return { eventId: doc.id, status: output?.outcome?.result?.status ?? output?.loaded?.prior?.status ?? 'done' };
  }

  async function park(record: SQSRecord, reason: string): Promise<void> {
    if (!options.deadLetterQueueUrl)
      throw new ConfigurationError(`no dead-letter queue to park an invalid message in: ${reason}`, {
        entity: `message|${record.messageId}`,
      });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: options.deadLetterQueueUrl,
        MessageBody: record.body,
        MessageAttributes: { reason: { DataType: 'String', StringValue: reason.slice(0, 1000) } },
      }),
    );
  }

  const recordHandler = async (record: SQSRecord, lane: ReturnType<typeof lanes>, tooLate: () => boolean) => {
    let doc: { readonly id: string; readonly type: string; readonly [field: string]: unknown };
    try {
      const json = parseJsonText(record.body, 'message');
      parseEvent(json); // validates; the workflow parses again at each step
      doc = json as typeof doc;
    } catch (e) {
      if (!(e instanceof ContractError)) throw e;
      logger.warn('invalid message parked in the dead-letter queue', { messageId: record.messageId, reason: e.message });
      metrics.addMetric('InvalidMessage', 'Count', 1);
      await park(record, e.message);
      return;
    }
    // Parsed before the first await, so lanes are taken in the batch's order.
    const event = doc;
    return lane(contentionKeys(event), () => processOrMark(record, event, tooLate));
  };

  async function processOrMark(record: SQSRecord, doc: { id: string; type: string }, tooLate: () => boolean) {
    try {
      if (tooLate()) {
        metrics.addMetric('LaneDeferred', 'Count', 1);
        throw new LaneDeferredError('its turn came too late in the invocation to start a workflow', { entity: `events|${doc.id}` });
      }
      return await processEvent(doc);
    } catch (e) {
      // The last receive: SQS dead-letters the message after this failure, so the route must say it failed for good.
      if (options.maxReceiveCount !== undefined && Number(record.attributes?.ApproximateReceiveCount ?? 0) >= options.maxReceiveCount) {
        await recordFailure(doc.id, RETRIES_EXHAUSTED);
      }
      throw e;
    }
  }

  // A processor and lanes per invocation. The processor keeps the batch's successes and failures on itself, so one shared by invocations
  // that overlap (the embedded stack runs a function's invocations concurrently in one process) would report one
  // batch's failures as another's, and a failed message would be deleted as done. Records run in parallel except
  // where they share a lane (lanes.ts).
  return (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const lane = lanes();
    // Without a context (a direct call) there is no invocation deadline to keep.
    const remaining = () => context?.getRemainingTimeInMillis?.();
    const atStart = remaining();
    const tooLate = () => atStart !== undefined && atStart - (remaining() ?? atStart) > EXECUTION_MARGIN_MS;
    return processPartialResponse(event, (record: SQSRecord) => recordHandler(record, lane, tooLate), new BatchProcessor(EventType.SQS), {
      context: context as Context,
    });
  };
}

export const create = ({
  starter,
  telemetry,
  deadLetterQueueUrl,
  maxReceiveCount,
  store,
  reviews,
}: Pick<HandlerDeps, 'starter' | 'telemetry' | 'deadLetterQueueUrl' | 'maxReceiveCount' | 'store' | 'reviews'>) => {
  const consumer = createConsumer({
    starter,
    telemetry,
    failures: store,
    decisions: { store, reviews },
    ...(deadLetterQueueUrl ? { deadLetterQueueUrl } : {}),
    ...(maxReceiveCount !== undefined ? { maxReceiveCount } : {}),
  });
  return telemetry.wrap((event: SQSEvent, context: unknown) => consumer(event, context as Context));
};

export const handler = onAws(create);
