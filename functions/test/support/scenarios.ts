/**
 * Test support: worlds and events for the handlers' tests — the public contract
 * examples (shared/contract/examples) and small documents built with the engine
 * tests' builders — each parsed with @medins/contract as the platform parses them,
 * and a store in memory seeded with the world.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, processDigester, type Scenario, type ScenarioInput, type SealedEventDoc, sealEvent } from '@medins/contract';
import { type DomainEvent, decide, type EventResult, type SingleStepEvent, SnapshotView } from '@medins/engine';
import type { EventStore } from '@medins/store/ports';
import type { WorkflowState } from '../../src/shared/workflow-state.ts';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../shared/contract/examples');

/** A contract example by file stem, e.g. `07-quote-reversal-viewers`. */
export function exampleDoc(stem: string): ScenarioInput {
  return JSON.parse(readFileSync(join(EXAMPLES, `${stem}.scenario.json`), 'utf8')) as ScenarioInput;
}

export interface Fixture {
  readonly scenario: Scenario;
  readonly store: MemoryStore;
  /** The event `id` as the queue delivers it (contract JSON, personal data sealed; first occurrence). */
  doc(id: string): SealedEventDoc;
  /** The parsed event `id` (first occurrence). */
  event(id: string): DomainEvent;
}

/** A store seeded with the world of `input` (a scenario document), and its events. */
export function fixture(input: ScenarioInput, options: MemoryStoreOptions = {}): Fixture {
  const scenario = parseScenario(input);
  const store = new MemoryStore(scenario.world, options);
  const index = (id: string) => {
    const i = scenario.doc.events.findIndex((e) => e.id === id);
    if (i < 0) throw new Error(`the scenario has no event ${id}`);
    return i;
  };
  return {
    scenario,
    store,
    doc: (id) => structuredClone(sealEvent(scenario.doc.events[index(id)]!, processDigester())),
    event: (id) => scenario.events[index(id)]!,
  };
}

/** A workflow's input for one event, as the queue consumer starts it. */
export const stateOf = (event: SealedEventDoc): WorkflowState => ({ event, attempt: 0 });

/** What Step Functions does between two states: the state travels as JSON. */
export const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Applies one single-step event through the port (load, decide on the snapshot,
 * commit): the way a workflow would, without its steps. For the events a test
 * needs applied before the one it is about.
 */
export async function settle(store: EventStore, event: DomainEvent, eventDoc: unknown = null): Promise<EventResult> {
  const loaded = await store.load(event as SingleStepEvent);
  if (loaded.prior) return loaded.prior;
  const decision = decide(event as SingleStepEvent, new SnapshotView(await store.catalog(), loaded.snapshot));
  const outcome = await store.commit(
    {
      eventId: event.id,
      type: event.type,
      result: decision.result,
      eventDoc,
      changes: decision.changes,
      notifications: decision.notifications,
    },
    loaded,
  );
  return outcome.result;
}
