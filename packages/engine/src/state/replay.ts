/**
 * Serial replay of a scenario: every event in order, each decided against the state
 * the previous ones left and applied entirely or not at all. An event id seen
 * before is answered with its first result and changes nothing (idempotency).
 * This is the reference every other way of settling (the HTTP API, the Lambdas,
 * the local pipeline) must agree with.
 */
import type { EventId } from '../core/ids.ts';
import { decidePolicyRenewal, emptyRenewalReport, type PolicyRenewal, tallyRenewal } from '../renewal/renew.ts';
import type { DomainEvent, RenewalCampaignEvent } from '../world/events.ts';
import type { Account, Policy } from '../world/people.ts';
import type { EventResult, RenewalResult } from '../world/results.ts';
import type { Notification } from './changes.ts';
import { decide } from './decide.ts';
import { MemoryState, type World } from './memory-state.ts';

export interface Outcome {
  readonly results: EventResult[];
  readonly balances: Record<string, Account>;
}

export interface ReplayOptions {
  /** Receives every notification the applied events owe, in order. */
  readonly onNotification?: (n: Notification) => void;
  /**
   * Receives each policy's renewal decision of a campaign, as applied: a campaign's
   * result only counts them, and an insurer's renewal list needs each one.
   */
  readonly onRenewal?: (campaign: RenewalCampaignEvent, policy: Policy, renewal: PolicyRenewal) => void;
}

/** Applies one event to the state; returns its result. */
export function applyEvent(state: MemoryState, event: DomainEvent, options: ReplayOptions = {}): EventResult {
  if (event.type === 'renewalCampaign') return runCampaign(state, event, options);
  const decision = decide(event, state);
  state.apply(decision.changes);
  for (const n of decision.notifications) options.onNotification?.(n);
  return decision.result;
}

function runCampaign(state: MemoryState, campaign: RenewalCampaignEvent, options: ReplayOptions): RenewalResult {
  let report = emptyRenewalReport(campaign);
  for (const policy of state.policiesOfProduct(campaign.fromProductId)) {
    const renewal = decidePolicyRenewal(campaign, policy, state);
    state.apply(renewal.changes);
    for (const n of renewal.notifications) options.onNotification?.(n);
    options.onRenewal?.(campaign, policy, renewal);
    report = tallyRenewal(report, renewal);
  }
  return report;
}

/** A replayer that remembers results by event id, so a repeated id changes nothing. */
export class Replayer {
  readonly state: MemoryState;
  readonly #seen = new Map<EventId, EventResult>();
  readonly #options: ReplayOptions;

  constructor(world: World, options: ReplayOptions = {}) {
    this.state = new MemoryState(world);
    this.#options = options;
  }

  apply(event: DomainEvent): EventResult {
    const prior = this.#seen.get(event.id);
    if (prior) return prior;
    const result = applyEvent(this.state, event, this.#options);
    this.#seen.set(event.id, result);
    return result;
  }
}

export function replay(world: World, events: readonly DomainEvent[], options: ReplayOptions = {}): Outcome {
  const replayer = new Replayer(world, options);
  const results = events.map((e) => replayer.apply(e));
  return { results, balances: replayer.state.balances() };
}
