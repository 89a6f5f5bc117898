/**
 * Test support: the handlers' own ports in memory — a silent telemetry whose
 * metric documents are kept, a fixed clock, a notifier, a queue sender and a
 * workflow starter that record what they were asked — and `testDeps`, the
 * `HandlerDeps` a test passes to a handler's `create`.
 */
import { processDigester } from '@medins/contract';
import type { Digester } from '@medins/engine';
import type { Clock } from '../../src/shared/clock.ts';
import type { HandlerDeps } from '../../src/shared/handler.ts';
import type { Notifier, OutgoingMessage } from '../../src/shared/notifier.ts';
import type { QueueName, QueueSender } from '../../src/shared/queue-sender.ts';
import { createTelemetry, type Telemetry } from '../../src/shared/telemetry.ts';
import type { WorkflowName, WorkflowRun, WorkflowStarter } from '../../src/shared/workflow-starter.ts';
import type { WorkflowState } from '../../src/shared/workflow-state.ts';
import type { MemoryStore } from './memory-store.ts';

/** 2021-03-01T10:00:00+08:00, in milliseconds: the instant every test's clock stands at. */
export const NOW = Date.parse('2021-03-01T10:00:00+08:00');

export const fixedClock = (now = NOW): Clock => ({ now: () => now });

/** One invocation's metric document (CloudWatch's embedded metric format) as Powertools serializes it. */
export interface MetricDocument {
  readonly _aws: { readonly CloudWatchMetrics: readonly { readonly Metrics: readonly { readonly Name: string }[] }[] };
  readonly [key: string]: unknown;
}

export interface TestTelemetry extends Telemetry {
  /** Every flushed metric document, in order. */
  readonly emitted: MetricDocument[];
  /** The value a metric was given across the flushed documents (summed), or undefined if never emitted. */
  metric(name: string): number | undefined;
}

/** Telemetry that logs nothing, traces nothing and keeps its metric documents. */
export function silentTelemetry(): TestTelemetry {
  const emitted: MetricDocument[] = [];
  const telemetry = createTelemetry({
    serviceName: 'test',
    logLevel: 'SILENT',

    onMetrics: (m) => emitted.push(m as MetricDocument),
  });
  return {
    ...telemetry,
    emitted,
    metric(name) {
      const values = emitted
        .filter((d) => d._aws.CloudWatchMetrics.some((c) => c.Metrics.some((m) => m.Name === name)))
        .map((d) => d[name] as number | number[]);
      if (values.length === 0) return undefined;
      return values.flat().reduce((a, b) => a + b, 0);
    },
  };
}

export interface RecordingNotifier extends Notifier {
  readonly sent: OutgoingMessage[];
  /** Makes the next `n` sends fail (a provider outage). */
  failNext(n?: number): void;
}

export function recordingNotifier(): RecordingNotifier {
  const sent: OutgoingMessage[] = [];
  let failures = 0;
  return {
    sent,
    failNext(n = 1) {
      failures = n;
    },
    async send(message) {
      if (failures > 0) {
        failures--;
        throw new Error('the SMS provider is unavailable');
      }
      sent.push(message);
    },
  };
}

export interface RecordingQueue extends QueueSender {
  readonly sent: { queue: QueueName; body: string }[];
}

function recordingQueue(): RecordingQueue {
  const sent: { queue: QueueName; body: string }[] = [];
  return {
    sent,
    async send(queue, body) {
      sent.push({ queue, body });
    },
  };
}

export interface FakeStarter extends WorkflowStarter {
  readonly runs: { workflow: WorkflowName; input: WorkflowState; name: string }[];
}

/** A workflow starter that records each run and answers with `answer` (default: succeeded, no output). */
export function fakeStarter(
  answer: (workflow: WorkflowName, input: WorkflowState) => WorkflowRun | Promise<WorkflowRun> = () => ({ status: 'SUCCEEDED' }),
): FakeStarter {
  const runs: FakeStarter['runs'] = [];
  return {
    runs,
    async run(workflow, input, name) {
      runs.push({ workflow, input, name });
      return answer(workflow, input);
    },
  };
}

export interface TestDeps extends HandlerDeps {
  readonly store: MemoryStore;
  readonly telemetry: TestTelemetry;
  readonly notifier: RecordingNotifier;
  readonly queue: RecordingQueue;
  readonly starter: FakeStarter;
  /** This process's key: the fixtures' worlds are sealed with it too (`parseScenario`'s default). */
  readonly digest: Digester;
}

/** Every dependency a handler may take, in memory, around `store`. */
export function testDeps(store: MemoryStore, overrides: Partial<Omit<TestDeps, 'store'>> = {}): TestDeps {
  return {
    store,
    telemetry: silentTelemetry(),
    clock: fixedClock(),
    notifier: recordingNotifier(),
    queue: recordingQueue(),
    starter: fakeStarter(),
    policyPageSize: 100,
    digest: processDigester(),
    ...overrides,
  };
}
