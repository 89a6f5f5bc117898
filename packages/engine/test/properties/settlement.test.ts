/**
 * Properties of the engine over random valid scenarios (test/support/scenario-arbitrary.ts):
 * the invariants DOMAIN.md states for every claim, every balance and every
 * accumulator, idempotency, order independence, quotes, reversals, a visit settling
 * once, review (a held claim changes nothing but its visit; an approval settles as a
 * quote at the decision's time would), and the agreement of the snapshot path (the
 * Lambdas') with the memory path (the scenario replay's). Half the worlds carry review rules.
 *
 * Runs per property: PROPERTY_RUNS (default below); a failure prints its seed and the
 * shrunk scenario document, which replays with `npm run scenario`.
 */

import { parseScenario, type Scenario, type ScenarioInput } from '@medins/contract';
import {
  asEventId,
  type ClaimResult,
  claimParts,
  counter,
  type DomainEvent,
  decide,
  decidePolicyRenewal,
  type EventResult,
  type HeldClaimResult,
  type MemberId,
  MemoryState,
  type Notification,
  type Plan,
  Replayer,
  replay,
  sum,
} from '@medins/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../../../test/support/scenario-arbitrary.ts';
import { digest, isSingleStep, keysOf, money, renewalSnapshotFor, type StateKeys, snapshotFor } from '../support/state.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
/**
 * A failing case shrinks through ~1000 random draws; past 20 s the best counterexample
 * so far is reported (still as a failure) instead of shrinking for minutes.
 */
const params = { numRuns: RUNS, interruptAfterTimeLimit: 20_000 };
const scenarios = fc.boolean().chain((review) => scenarioArbitrary({ review }));

const isVisit = (r: EventResult): r is ClaimResult | HeldClaimResult => r.type === 'claim' || r.type === 'quote';
const totalBalance = (state: MemoryState) => sum(Object.values(state.balances()), (a) => (a.currentFen + a.historicalFen) as never);

/** Replays a scenario through a Replayer, calling `check` after every event. */
function replayEach(
  s: Scenario,
  check: (event: DomainEvent, result: EventResult, replayer: Replayer, before: { total: number }) => void,
): Replayer {
  const replayer = new Replayer(s.world);
  for (const event of s.events) {
    const before = { total: totalBalance(replayer.state) };
    const result = replayer.apply(event);
    check(event, result, replayer, before);
  }
  return replayer;
}

/** Whether this occurrence of an event is its first (a later one is a duplicate delivery). */
function firsts(events: readonly DomainEvent[]): boolean[] {
  const seen = new Set<string>();
  return events.map((e) => !seen.has(e.id) && !!seen.add(e.id));
}

describe('settlement properties', () => {
  it('1. every settled claim or quote balances, with no negative part', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        replayEach(s, (event, r) => {
          if (r.type === 'claim' && r.status === 'held') {
            // held: nothing paid, every flag listed, no reason, no note
            expect([r.basic, r.criticalIllness, r.assistance, r.supplementary, r.reasons, r.notes]).toEqual([
              null,
              null,
              null,
              null,
              [],
              [],
            ]);
            expect(r.payments).toEqual({ ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 0 });
            expect(r.flags.length).toBeGreaterThan(0);
            return;
          }
          if (!isVisit(r)) return;
          const p = r.payments;
          if (r.status === 'rejected') {
            expect([r.basic, r.criticalIllness, r.assistance, r.supplementary]).toEqual([null, null, null, null]);
            expect(p).toEqual({ ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 0 });
            expect(r.reasons.length).toBeGreaterThan(0);
            return;
          }
          // total = basic + CI + assistance + supplementary + own + family + cash, no part negative
          const parts = claimParts(r);
          expect(sum(parts, (x) => x)).toBe(r.totalFen);
          for (const part of parts) expect(Number.isSafeInteger(part) && part >= 0).toBe(true);
          const b = r.basic!;
          expect(b.scopeFen + b.firstSelfPayFen + b.selfFundedFen + b.nonMedicalFen).toBe(r.totalFen);
          expect(b.inPolicySelfPayFen).toBe(b.scopeFen - b.paidFen);
          expect(b.paidFen).toBeLessThanOrEqual(b.scopeFen - b.deductibleFen);
          if (r.criticalIllness) expect(r.criticalIllness.paidFen).toBeLessThanOrEqual(r.criticalIllness.aboveThresholdFen);
          if (r.supplementary) {
            expect(sum(r.supplementary.responsibilities, (x) => x.paidFen)).toBe(r.supplementary.paidFen);
            for (const x of r.supplementary.responsibilities) expect(x.paidFen).toBeLessThanOrEqual(x.baseFen - x.deductibleFen);
          }
          // accounts never pay non-medical lines, nor anything when the patient opts out
          const personalBorne = p.ownAccountFen + p.familyAccountFen + p.cashFen;
          expect(p.cashFen).toBeGreaterThanOrEqual(Math.min(b.nonMedicalFen, personalBorne));
          if (event.type !== 'renewalCampaign' && 'useAccount' in event && !event.useAccount)
            expect(p.ownAccountFen + p.familyAccountFen).toBe(0);
          expect(p.familyHolderId === null).toBe(p.familyAccountFen === 0);
        });
      }),
      params,
    );
  });

  it('2. no balance ever goes negative, and every move of money is accounted for', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const first = firsts(s.events);
        let i = 0;
        replayEach(s, (event, r, replayer, before) => {
          const isFirst = first[i++];
          for (const [id, a] of Object.entries(replayer.state.balances())) {
            expect({
              id,
              ok: Number.isSafeInteger(a.currentFen) && Number.isSafeInteger(a.historicalFen) && a.currentFen >= 0 && a.historicalFen >= 0,
            }).toEqual({ id, ok: true });
          }
          // the sum of all balances changes by exactly what the result says was debited or credited
          let expected = 0;
          if (isFirst && r.type === 'claim' && r.status === 'settled') expected = -(r.payments.ownAccountFen + r.payments.familyAccountFen);
          if (isFirst && r.type === 'reviewDecision' && r.status === 'settled')
            expected = -(r.payments.ownAccountFen + r.payments.familyAccountFen);
          if (isFirst && r.type === 'enroll') expected = -r.accountPaidFen;
          if (isFirst && r.type === 'reverseClaim' && r.refunds) expected = r.refunds.ownAccountFen + r.refunds.familyAccountFen;
          if (isFirst && r.type === 'renewalCampaign' && event.type === 'renewalCampaign')
            expected = -r.renewed * (s.world.catalog.product(event.toProductId)?.premiumFen ?? 0);
          expect(totalBalance(replayer.state) - before.total).toBe(expected + 0); // + 0: no negative zero
        });
      }),
      params,
    );
  });

  it('3. family aid never takes the holder below the reserve of the holder’s region, and always notifies the holder', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const first = firsts(s.events);
        const sent: Notification[] = [];
        const replayer = new Replayer(s.world, { onNotification: (n) => sent.push(n) });
        s.events.forEach((event, i) => {
          const r = replayer.apply(event);
          // a duplicate delivery repeats the first result, decided on the state of its time
          if (!first[i] || !isVisit(r) || r.payments.familyAccountFen === 0 || (event.type !== 'claim' && event.type !== 'quote')) return;
          const state = replayer.state;
          const holderId = r.payments.familyHolderId!;
          const holder = state.member(holderId)!;
          const binding = state.bindingOf(event.memberId);
          // paid by the patient's current holder, active, inside the binding's half-open window
          expect(binding?.holderId).toBe(holderId);
          expect(holder.status).toBe('active');
          expect(binding!.validFrom <= event.at && (binding!.validTo === null || event.at < binding!.validTo)).toBe(true);
          const reserve = s.world.catalog.familyAidOf(holder)?.reserveFen ?? 0;
          const account = state.account(holderId)!;
          // a claim has debited the holder already; a quote shows what it would debit
          const left = account.currentFen + account.historicalFen - (event.type === 'quote' ? r.payments.familyAccountFen : 0);
          expect(left).toBeGreaterThanOrEqual(reserve);
          if (event.type === 'claim') {
            expect(sent).toContainEqual({
              to: holderId,
              kind: 'familyAccountUsed',
              eventId: event.id,
              aboutId: event.memberId,
              amountFen: r.payments.familyAccountFen,
            });
          }
        });
        expect(sent.filter((n) => n.kind === 'familyAccountUsed' && n.eventId.endsWith('~quote'))).toEqual([]);
      }),
      params,
    );
  });

  it('4. no accumulator exceeds its cap, and no deductible is consumed beyond the deductible', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const keys = keysOf(s);
        const limits = limitsOf(s);
        const basicPlans = [...s.world.catalog.plans.values()].filter((p) => p.tier === 'basic');
        replayEach(s, (_event, _r, replayer) => checkAccumulators(replayer.state, keys, limits, basicPlans));
      }),
      params,
    );
  });

  it('5. replaying the same event twice changes nothing: the second gives the first result', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const keys = keysOf(s);
        const replayer = new Replayer(s.world);
        const firstResult = new Map<string, EventResult>();
        for (const event of s.events) {
          const result = replayer.apply(event);
          if (!firstResult.has(event.id)) firstResult.set(event.id, result);
          expect(result).toEqual(firstResult.get(event.id));
          const after = digest(replayer.state, keys);
          expect(replayer.apply(event)).toEqual(result);
          expect(digest(replayer.state, keys)).toEqual(after);
        }
      }),
      params,
    );
  });

  it('6. results do not depend on the order of members, plans, providers, regions (and policies without a campaign)', () => {
    const shuffled = scenarios.chain((doc) => {
      const perm = <T>(items: readonly T[] | undefined): fc.Arbitrary<T[]> => {
        const all = [...(items ?? [])];
        return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
      };
      // A renewal campaign walks the policies in creation order, which is the document's
      // order: with a campaign, policy order is part of the input and stays as it is.
      const hasCampaign = doc.events.some((e) => e.type === 'renewalCampaign');
      return fc
        .record({
          members: perm(doc.members),
          plans: perm(doc.plans),
          providers: perm(doc.providers),
          regions: perm(doc.regions),
          familyGroups: perm(doc.familyGroups),
          policies: hasCampaign ? fc.constant<NonNullable<ScenarioInput['policies']>>(doc.policies ?? []) : perm(doc.policies),
        })
        .map((order): [ScenarioInput, ScenarioInput] => [doc, { ...doc, ...order }]);
    });
    fc.assert(
      fc.property(shuffled, ([doc, reordered]) => {
        const a = parseScenario(doc);
        const b = parseScenario(reordered);
        expect(replay(b.world, b.events)).toEqual(replay(a.world, a.events));
      }),
      params,
    );
  });

  it('7. a quote changes nothing and equals a claim with the same content right after it', () => {
    const figures = (r: EventResult) => {
      const { id: _id, type: _type, status, ...rest } = r as ClaimResult;
      return { status: status === 'quoted' ? 'settled' : status, ...rest };
    };
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const keys = keysOf(s);
        const replayer = new Replayer(s.world);
        const first = firsts(s.events);
        s.events.forEach((event, i) => {
          if (first[i] && (event.type === 'claim' || event.type === 'quote')) {
            const asQuote = { ...event, type: 'quote' as const, id: asEventId(`${event.id}~quote`) };
            const before = digest(replayer.state, keys);
            const quoted = replayer.apply(asQuote);
            expect(digest(replayer.state, keys)).toEqual(before);
            const real = replayer.apply(event);
            // A claim held for review settles nothing now (property 11 compares its approval).
            if (event.type === 'claim') {
              if (real.status !== 'held') expect(figures(real)).toEqual(figures(quoted));
            } else expect(real).toEqual({ ...quoted, id: event.id });
          } else {
            replayer.apply(event);
          }
        });
      }),
      params,
    );
  });

  it('8. reversing the last settled claim restores balances and accumulators exactly', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const keys = keysOf(s);
        const first = firsts(s.events);
        const outcome = replay(s.world, s.events).results;
        s.events.forEach((event, i) => {
          if (!first[i] || event.type !== 'claim' || outcome[i]!.status !== 'settled') return;
          const replayer = new Replayer(s.world);
          for (const e of s.events.slice(0, i)) replayer.apply(e);
          const before = money(replayer.state, keys);
          const settled = replayer.apply(event) as ClaimResult;
          const reversal = replayer.apply({ type: 'reverseClaim', id: asEventId(`${event.id}~reverse`), at: event.at, claimId: event.id });
          expect(reversal).toMatchObject({ status: 'reversed', refunds: settled.payments });
          expect(money(replayer.state, keys)).toEqual(before);
        });
      }),
      params,
    );
  });

  it('9. the snapshot path decides exactly as the memory path, event by event', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const state = new MemoryState(s.world);
        const seen = new Set<string>();
        for (const event of s.events) {
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          if (isSingleStep(event)) {
            const loaded = snapshotFor(event, state);
            expect({ event: event.id, complete: loaded.complete }).toEqual({ event: event.id, complete: true });
            const memory = decide(event, state);
            expect(decide(event, loaded.view)).toEqual(memory);
            state.apply(memory.changes);
          } else {
            // a campaign is decided policy by policy, each on the state the previous one left
            for (const policy of state.policiesOfProduct(event.fromProductId)) {
              const loaded = renewalSnapshotFor(event, policy, state);
              expect(loaded.complete).toBe(true);
              const memory = decidePolicyRenewal(event, policy, state);
              expect(decidePolicyRenewal(event, policy, loaded.view)).toEqual(memory);
              state.apply(memory.changes);
            }
          }
        }
        // and the step-by-step state is the replay's
        expect(state.balances()).toEqual(replay(s.world, s.events).balances);
      }),
      params,
    );
  });

  it('10. a visit settles once: DUPLICATE_VISIT exactly while a settled, unreversed claim of the provider holds it', () => {
    fc.assert(
      fc.property(scenarios, (doc) => {
        const s = parseScenario(doc);
        const first = firsts(s.events);
        // The oracle, from the results alone: visit (provider|visitId) → the claims settled on it, not reversed since.
        const holders = new Map<string, Set<string>>();
        const visitOf = new Map<string, string>();
        const replayer = new Replayer(s.world);
        s.events.forEach((event, i) => {
          const key =
            (event.type === 'claim' || event.type === 'quote') && event.visitId !== null ? `${event.providerId}|${event.visitId}` : null;
          const heldBefore = key !== null && (holders.get(key)?.size ?? 0) > 0;
          const r = replayer.apply(event);
          if (!first[i]) return; // a duplicate delivery: its first result again, nothing judged anew
          if (isVisit(r)) {
            const duplicate = r.reasons.some((x) => x.code === 'DUPLICATE_VISIT');
            expect({ event: event.id, duplicate }).toEqual({ event: event.id, duplicate: heldBefore });
            // A held claim holds its visit like a settled one.
            if (key !== null && r.type === 'claim' && (r.status === 'settled' || r.status === 'held')) {
              holders.set(key, (holders.get(key) ?? new Set()).add(r.id));
              visitOf.set(r.id, key);
            }
          }
          if (r.type === 'reverseClaim' && r.status === 'reversed') holders.get(visitOf.get(r.claimId) ?? '')?.delete(r.claimId);
          if (r.type === 'reviewDecision' && r.reasons.some((x) => x.code === 'REVIEW_REJECTED'))
            holders.get(visitOf.get(r.claimId) ?? '')?.delete(r.claimId);
          for (const [visit, claims] of holders) expect({ visit, held: claims.size <= 1 }).toEqual({ visit, held: true });
        });
      }),
      params,
    );
  });

  it('11. an approval settles as a quote of the approved lines at the decision’s time; a held claim moves nothing', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ review: true }), (doc) => {
        const s = parseScenario(doc);
        const keys = keysOf(s);
        const first = firsts(s.events);
        const replayer = new Replayer(s.world);
        s.events.forEach((event, i) => {
          const held = event.type === 'reviewDecision' ? replayer.state.heldClaim(event.claimId) : undefined;
          if (first[i] && event.type === 'reviewDecision' && held && !held.decidedBy && event.decision === 'approve') {
            const removed = new Set(event.rejectedLines);
            const lines = held.claim.lines.filter((l) => !removed.has(l.code));
            const asQuote = {
              ...held.claim,
              type: 'quote' as const,
              id: asEventId(`${event.id}~quote`),
              at: event.at,
              visitId: null,
              lines,
            };
            const quoted = replayer.apply(asQuote) as ClaimResult;
            const r = replayer.apply(event);
            const { id: _i, type: _t, status: _s, claimId: _c, ...approved } = r as Extract<EventResult, { type: 'reviewDecision' }>;
            const { id: _qi, type: _qt, status: qs, ...figures } = quoted;
            expect({ event: event.id, status: qs, ...approved }).toEqual({ event: event.id, status: 'quoted', ...figures });
            return;
          }
          const before = money(replayer.state, keys);
          const r = replayer.apply(event);
          if (first[i] && r.type === 'claim' && r.status === 'held') {
            expect(money(replayer.state, keys)).toEqual(before);
            expect(r.flags.length).toBeGreaterThan(0);
          }
        });
      }),
      params,
    );
  });
});

/** An accumulator's limit, and the year its plan belongs to (null: any year). */
interface Limit {
  readonly max: number;
  readonly year: number | null;
}

/** Every accumulator name the catalog's plans can produce, with its cap or deductible. */
function limitsOf(s: Scenario): Map<string, Limit> {
  const limits = new Map<string, Limit>();
  const cap = (x: number | null) => x ?? Number.POSITIVE_INFINITY;
  for (const plan of s.world.catalog.plans.values()) {
    switch (plan.tier) {
      case 'basic':
        limits.set(counter.basicPlanPaid(plan.id), { max: cap(plan.annualCapFen), year: plan.year });
        for (const [visit, b] of Object.entries(plan.benefits)) {
          const v = visit as keyof typeof plan.benefits;
          limits.set(counter.basicVisitTypePaid(plan.id, v), { max: cap(b.annualCapFen), year: plan.year });
          // a per-visit deductible never accumulates; a yearly one up to the largest level's
          if (b.deductiblePer === 'year')
            limits.set(counter.basicDeductible(plan.id, v), { max: Math.max(0, ...Array.from(b.deductibleFen.values())), year: plan.year });
        }
        break;
      case 'criticalIllness':
        limits.set(counter.criticalPaid(plan.id), { max: cap(plan.annualCapFen), year: plan.year });
        limits.set(counter.criticalSelfPay(plan.id), { max: Number.POSITIVE_INFINITY, year: plan.year });
        break;
      case 'assistance':
        limits.set(counter.assistancePaid(plan.id), { max: cap(plan.annualCapFen), year: plan.year });
        limits.set(counter.assistanceDeductible(plan.id), { max: plan.deductibleFen, year: plan.year });
        break;
      case 'supplementary':
        for (const r of plan.responsibilities) {
          limits.set(counter.responsibilityPaid(plan.id, r.id), { max: cap(r.capFen), year: null });
          limits.set(counter.responsibilityDeductible(plan.id, r.id), { max: r.deductibleFen, year: null });
        }
        break;
    }
  }
  return limits;
}

function checkAccumulators(state: MemoryState, keys: StateKeys, limits: ReadonlyMap<string, Limit>, basicPlans: readonly Plan[]): void {
  for (const member of keys.members) {
    for (const year of keys.years) {
      const acc = state.accumulators(member as MemberId, year);
      for (const [name, value] of Object.entries(acc)) {
        const limit = limits.get(name);
        const ok =
          limit !== undefined &&
          Number.isSafeInteger(value) &&
          value >= 0 &&
          value <= limit.max &&
          (limit.year === null || limit.year === year);
        if (!ok) expect({ member, year, name, value, limit }).toEqual('within its limit');
      }
      // the plan's yearly total is the sum of its visit types'
      for (const plan of basicPlans) {
        if (plan.tier !== 'basic' || plan.year !== year) continue;
        const visits = Object.keys(plan.benefits).map((v): number => acc[counter.basicVisitTypePaid(plan.id, v as never)] ?? 0);
        expect(acc[counter.basicPlanPaid(plan.id)] ?? 0).toBe(visits.reduce((a, b) => a + b, 0));
      }
    }
  }
}
