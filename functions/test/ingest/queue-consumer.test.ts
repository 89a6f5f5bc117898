/**
 * ingest/queue-consumer.ts: one workflow execution per message. A valid event
 * starts its workflow under its id; an invalid message is parked in the
 * dead-letter queue with the reason (retrying cannot fix it); an execution that
 * dead-lettered its own event is acknowledged; any other failure is reported so
 * the queue delivers the message again.
 */
import type { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { EXECUTION_MARGIN_MS } from '../../src/ingest/lanes.ts';
import { create, createConsumer, failureOf, RETRIES_EXHAUSTED } from '../../src/ingest/queue-consumer.ts';
import type { WorkflowRun } from '../../src/shared/workflow-starter.ts';
import { fakeStarter, silentTelemetry, testDeps } from '../support/deps.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

const DLQ = 'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/claims-dlq';

const record = (messageId: string, body: string): SQSRecord => ({
  messageId,
  receiptHandle: `rh-${messageId}`,
  body,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws-cn:sqs:cn-north-1:111122223333:claims',
  awsRegion: 'cn-north-1',
});
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

/** An SQS client that records the commands it is sent. */
function recordingSqs() {
  const sent: SendMessageCommand[] = [];
  return { sent, client: { send: async (command: SendMessageCommand) => void sent.push(command) } as unknown as SQSClient };
}

function consumerWith(
  answer: (workflow: string, input: { event: { id: string } }) => WorkflowRun | Promise<WorkflowRun>,
  options: { dlq?: boolean } = {},
) {
  const starter = fakeStarter(answer as never);
  const sqs = recordingSqs();
  const telemetry = silentTelemetry();
  const consumer = createConsumer({ starter, telemetry, sqs: sqs.client, ...(options.dlq === false ? {} : { deadLetterQueueUrl: DLQ }) });
  // Wrapped as `create` wraps it, so the invocation's metrics are flushed.
  return { starter, sqs, telemetry, consume: telemetry.wrap((event: SQSEvent) => consumer(event)) };
}

const claims = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
const claim = JSON.stringify(claims.doc('c1'));
const enrollment = JSON.stringify({
  type: 'enroll',
  id: 'e1',
  at: '2020-12-01T10:00:00+08:00',
  productId: 'p',
  payerId: 'm1',
  insuredId: 'm1',
  relationship: 'self',
  payment: 'cash',
});

describe('queue consumer', () => {
  it('starts the workflow of each valid event under its id and acknowledges it when it succeeds', async () => {
    const { starter, consume, sqs } = consumerWith(() => ({ status: 'SUCCEEDED', output: { outcome: { result: { status: 'settled' } } } }));

    const response = await consume(batch(record('1', claim), record('2', enrollment)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(starter.runs).toEqual([
      { workflow: 'claim', input: { event: JSON.parse(claim), attempt: 0 }, name: 'c1' },
      { workflow: 'memberEvent', input: { event: JSON.parse(enrollment), attempt: 0 }, name: 'e1' },
    ]);
    expect(sqs.sent).toEqual([]);
  });

  it('parks an invalid message in the dead-letter queue with the reason, acknowledged, without starting anything', async () => {
    // Prepare
    const { starter, consume, sqs, telemetry } = consumerWith(() => ({ status: 'SUCCEEDED' }));
    const invalid = JSON.stringify({ ...JSON.parse(claim), lines: [] });

    // Act
    const response = await consume(batch(record('1', 'not json'), record('2', invalid), record('3', claim)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(starter.runs.map((r) => r.name)).toEqual(['c1']);
    expect(sqs.sent.map((c) => c.input)).toEqual([
      {
        QueueUrl: DLQ,
        MessageBody: 'not json',
        MessageAttributes: { reason: { DataType: 'String', StringValue: expect.stringMatching(/not JSON/) } },
      },
      {
        QueueUrl: DLQ,
        MessageBody: invalid,
        MessageAttributes: { reason: { DataType: 'String', StringValue: expect.stringContaining('lines') } },
      },
    ]);
    expect(telemetry.metric('InvalidMessage')).toBe(2);
  });

  it('acknowledges an execution that dead-lettered its own event (EventDeadLettered)', async () => {
    const { consume, telemetry } = consumerWith(() => ({ status: 'FAILED', error: 'EventDeadLettered', cause: 'InvariantError' }));

    const response = await consume(batch(record('1', claim), record('2', enrollment)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(telemetry.metric('EventDeadLettered')).toBe(2);
  });

  it('marks the API’s accept record failed, with the reason code from the cause, when the workflow dead-lettered the event', async () => {
    // Prepare: e1 was accepted by the API (queued); c1 was not (a replay, no record).
    const store = fixture(exampleDoc('01-quzhou-inpatient-all-tiers')).store;
    await store.acceptSubmission({ eventId: 'e1', fingerprint: 'f', acceptedAt: 1, status: 'queued' });
    const cause = JSON.stringify({ errorType: 'InvariantError', errorMessage: 'accumulator past its ceiling', trace: ['at x'] });
    const telemetry = silentTelemetry();
    const consumer = createConsumer({
      starter: fakeStarter(() => ({ status: 'FAILED', error: 'EventDeadLettered', cause })),
      telemetry,
      sqs: recordingSqs().client,
      deadLetterQueueUrl: DLQ,
      failures: store,
    });

    // Act
    const response = await telemetry.wrap((event: SQSEvent) => consumer(event))(batch(record('1', claim), record('2', enrollment)));

    // Assess: e1's record says failed with its reason; c1 has none and got none.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(store.acceptRecords()).toEqual([
      {
        eventId: 'e1',
        fingerprint: 'f',
        acceptedAt: 1,
        status: 'failed',
        failure: { code: 'InvariantError', message: 'accumulator past its ceiling' },
      },
    ]);
  });

  it('acknowledges the message even when the failure cannot be recorded (the workflow must not dead-letter it twice)', async () => {
    const telemetry = silentTelemetry();
    const consumer = createConsumer({
      starter: fakeStarter(() => ({ status: 'FAILED', error: 'EventDeadLettered', cause: 'x' })),
      telemetry,
      sqs: recordingSqs().client,
      deadLetterQueueUrl: DLQ,
      failures: { failAccepted: () => Promise.reject(new Error('ProvisionedThroughputExceeded')) },
    });

    const response = await telemetry.wrap((event: SQSEvent) => consumer(event))(batch(record('1', claim)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(telemetry.metric('FailureNotRecorded')).toBe(1);
  });

  it('on a message’s last delivery (the redrive policy dead-letters it next), marks its event failed for good before reporting it', async () => {
    // Prepare: e1 accepted by the API; its workflow keeps giving up to the queue.
    const store = fixture(exampleDoc('01-quzhou-inpatient-all-tiers')).store;
    await store.acceptSubmission({ eventId: 'e1', fingerprint: 'f', acceptedAt: 1, status: 'queued' });
    const telemetry = silentTelemetry();
    const consumer = createConsumer({
      starter: fakeStarter((_w: string, input: { event: { id: string } }) =>
        input.event.id === 'e1' ? { status: 'FAILED', error: 'RetryFromQueue' } : { status: 'SUCCEEDED' },
      ),
      telemetry,
      sqs: recordingSqs().client,
      deadLetterQueueUrl: DLQ,
      failures: store,
      maxReceiveCount: 5,
    });
    const consume = telemetry.wrap((event: SQSEvent) => consumer(event));
    const delivery = (n: number) => ({
      ...record('1', enrollment),
      attributes: { ...record('1', enrollment).attributes, ApproximateReceiveCount: String(n) },
    });

    // Act: the fourth delivery fails (more to come), then the fifth (the last); a claim that settles rides along.
    const fourth = await consume(batch(delivery(4), record('2', claim)));
    const afterFourth = store.acceptRecords()[0]?.status;
    const fifth = await consume(batch(delivery(5), record('2', claim)));

    // Assess: both reported failed to the queue; only the last one marks the route.
    expect(fourth).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
    expect(fifth).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
    expect(afterFourth).toBe('queued');
    expect(store.acceptRecords()).toEqual([
      { eventId: 'e1', fingerprint: 'f', acceptedAt: 1, status: 'failed', failure: RETRIES_EXHAUSTED },
    ]);
  });

  it('reads a failure from a plain-text cause, or none', () => {
    expect(failureOf('boom')).toEqual({ code: 'EVENT_FAILED', message: 'boom' });
    expect(failureOf(undefined)).toEqual({ code: 'EVENT_FAILED', message: 'the event failed for good' });
    expect(failureOf('{"errorType":"StoreError"}')).toEqual({ code: 'StoreError', message: 'StoreError' });
  });

  it('reports any other failure, so the queue delivers the message again', async () => {
    // Prepare: the enrollment's workflow fails; the claim's times out; a third message succeeds.
    const { consume, telemetry } = consumerWith((_w, input) => {
      if (input.event.id === 'e1') return { status: 'FAILED', error: 'RetryFromQueue' };
      if (input.event.id === 'c1') return { status: 'TIMED_OUT' };
      return { status: 'SUCCEEDED' };
    });
    const third = JSON.stringify({ ...JSON.parse(claim), id: 'c3' });

    // Act
    const response = await consume(batch(record('1', claim), record('2', enrollment), record('3', third)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '2' }] });
    expect(telemetry.metric('WorkflowFailed')).toBe(2);
  });

  it('keeps two overlapping invocations’ batches apart: each reports only its own failures', async () => {
    // Prepare: the first batch's claim fails only after the second batch has started and finished (the embedded
    // stack runs a function's invocations concurrently in one process; a processor shared by both lost this failure).
    let release: () => void = () => {};
    const later = new Promise<void>((r) => (release = r));
    const { consume } = consumerWith(async (_w, input) => {
      if (input.event.id === 'c1') {
        await later;
        return { status: 'FAILED', error: 'RetryFromQueue' };
      }
      return { status: 'SUCCEEDED' };
    });
    const other = JSON.stringify({ ...JSON.parse(claim), id: 'c3' });

    // Act
    const first = consume(batch(record('1', claim), record('2', JSON.stringify({ ...JSON.parse(claim), id: 'c4' }))));
    const second = await consume(batch(record('3', other)));
    release();

    // Assess
    expect(second).toEqual({ batchItemFailures: [] });
    expect(await first).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
  });

  it('fails the whole batch when every message failed (it all comes back), naming each failure', async () => {
    const { consume } = consumerWith((_w, input) => {
      if (input.event.id === 'c1') throw new Error('StartSyncExecution throttled');
      return { status: 'FAILED', error: 'RetryFromQueue' };
    });

    await expect(consume(batch(record('1', claim), record('2', enrollment)))).rejects.toMatchObject({
      name: 'FullBatchFailureError',
      recordErrors: [
        { message: 'StartSyncExecution throttled' },
        { name: 'WorkflowFailedError', code: 'WORKFLOW_FAILED', entity: 'events|e1', message: 'the workflow ended FAILED: RetryFromQueue' },
      ],
    });
  });

  it('fails an invalid message when there is no dead-letter queue to park it in (the redrive policy will)', async () => {
    const { consume } = consumerWith(() => ({ status: 'SUCCEEDED' }), { dlq: false });

    const response = await consume(batch(record('1', 'not json'), record('2', claim)));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
  });
});

describe('create', () => {
  it('runs a household’s events one after another and other households’ at once (lanes)', async () => {
    // Prepare: three enrollments, two paid by m1; each execution waits until the test releases it.
    const enroll = (id: string, payerId: string, insuredId: string) =>
      JSON.stringify({ ...JSON.parse(enrollment), id, payerId, insuredId });
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const { consume } = consumerWith(async (_w, input) => {
      started.push(input.event.id);
      await new Promise<void>((r) => release.set(input.event.id, r));
      return { status: 'SUCCEEDED' };
    });
    const tick = () => new Promise((r) => setImmediate(r));

    // Act
    const response = consume(
      batch(record('1', enroll('e1', 'm1', 'm1')), record('2', enroll('e2', 'm1', 'm2')), record('3', enroll('e3', 'm5', 'm5'))),
    );
    await tick();

    // Assert: e2 waits for e1 (the same payer); e3 does not.
    expect(started).toEqual(['e1', 'e3']);
    release.get('e1')!();
    await tick();
    expect(started).toEqual(['e1', 'e3', 'e2']);
    release.get('e2')!();
    release.get('e3')!();
    expect(await response).toEqual({ batchItemFailures: [] });
  });

  it('gives a message back to the queue when its turn in a lane comes too late to start a workflow', async () => {
    // Prepare: a clock the first execution moves on by more than the margin; the second enrollment of the payer waits.
    const enroll = (id: string) => JSON.stringify({ ...JSON.parse(enrollment), id, payerId: 'm1', insuredId: id });
    let elapsedMs = 0;
    const context = { getRemainingTimeInMillis: () => 60_000 - elapsedMs } as unknown as Context;
    const starter = fakeStarter((async () => {
      elapsedMs += EXECUTION_MARGIN_MS + 1;
      return { status: 'SUCCEEDED' };
    }) as never);
    const telemetry = silentTelemetry();
    const consumer = createConsumer({ starter, telemetry, deadLetterQueueUrl: DLQ });

    // Act
    const response = await consumer(batch(record('1', enroll('e1')), record('2', enroll('e2'))), context);

    // Assess: e1 ran; e2 was not started and is reported failed, so the queue delivers it again.
    expect(starter.runs.map((r) => r.name)).toEqual(['e1']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });

  it('starts every message of a lane while the invocation is young', async () => {
    const enroll = (id: string) => JSON.stringify({ ...JSON.parse(enrollment), id, payerId: 'm1', insuredId: id });
    let elapsedMs = 0;
    const context = { getRemainingTimeInMillis: () => 60_000 - elapsedMs } as unknown as Context;
    const starter = fakeStarter((async () => {
      elapsedMs += EXECUTION_MARGIN_MS / 2 - 1;
      return { status: 'SUCCEEDED' };
    }) as never);
    const consumer = createConsumer({ starter, telemetry: silentTelemetry(), deadLetterQueueUrl: DLQ });
    const response = await consumer(batch(record('1', enroll('e1')), record('2', enroll('e2')), record('3', enroll('e3'))), context);
    expect(starter.runs.map((r) => r.name)).toEqual(['e1', 'e2', 'e3']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('builds the consumer from the handler deps: the starter, the telemetry and the dead-letter queue', async () => {
    const deps = testDeps(claims.store, {
      starter: fakeStarter(() => ({ status: 'SUCCEEDED', output: { loaded: { prior: { status: 'settled' } } } })),
      deadLetterQueueUrl: DLQ,
    });

    const response = await create(deps)(batch(record('1', claim)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(deps.starter.runs).toHaveLength(1);
  });
});

describe('a reviewer’s decision', () => {
  const decision = JSON.stringify({
    type: 'reviewDecision',
    id: 'd1',
    at: '2021-05-03T10:00:00+08:00',
    claimId: 'c1',
    decision: 'approve',
  });
  const withDecisions = (store: Parameters<typeof createConsumer>[0]['decisions']) => {
    const starter = fakeStarter();
    const telemetry = silentTelemetry();
    const consumer = createConsumer({ starter, telemetry, deadLetterQueueUrl: DLQ, decisions: store });
    return { starter, telemetry, consume: telemetry.wrap((event: SQSEvent) => consumer(event)) };
  };

  it('resumes the claim’s open review (no workflow started here); a review not ready yet is delivered again', async () => {
    const resumed: string[] = [];
    let task: { status: 'open'; token: string } | null = { status: 'open', token: 'tok' };
    const reviews = {
      open: async () => 'started' as const,
      resume: async (token: string) => {
        resumed.push(token);
        return 'resumed' as const;
      },
    };
    const store = {
      readResult: async () => null,
      readReviewTask: async () => (task ? { claimId: 'c1', level: 'reviewer' as const, openedAt: 0, escalations: 0, ...task } : null),
    };
    const c = withDecisions({ store, reviews });
    expect(await c.consume(batch(record('m1', decision)), undefined)).toEqual({ batchItemFailures: [] });
    expect(resumed).toEqual(['tok']);
    expect(c.starter.runs).toEqual([]);
    expect(c.telemetry.metric('ReviewResumed')).toBe(1);

    task = null; // and the claim is held: its review is about to open
    const held = withDecisions({
      store: { ...store, readResult: async (id: string) => (id === 'c1' ? ({ status: 'held' } as never) : null) },
      reviews,
    });
    // The one record failed: Powertools reports the whole batch failed, so the queue delivers it again.
    await expect(held.consume(batch(record('m2', decision)), undefined)).rejects.toThrow(/All records failed/);
    expect(held.telemetry.metric('ReviewNotReady')).toBe(1);
  });

  it('decides through the member-event workflow when no review waits for it', async () => {
    const c = withDecisions({ store: { readResult: async () => null, readReviewTask: async () => null }, reviews: undefined });
    await c.consume(batch(record('m3', decision)), undefined);
    expect(c.starter.runs.map((r) => [r.workflow, r.name])).toEqual([['memberEvent', 'd1']]);
  });
});
