/**
 * renewal/renew.ts (续保): every policy of the from-product, in creation order (the
 * document's order), is offered the to-product. A payer with autoRenew is enrolled
 * from the personal account under the enrollment rules at the campaign's time (the
 * policy's relationship, no real-name check); otherwise, or on failure, reminded.
 * An insured who already holds the to-product is skipped, so a re-run renews nobody twice.
 */

import { parseScenario } from '@medins/contract';
import { type Notification, Replayer, replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  A,
  at,
  basicPlan,
  basicPlans,
  claim,
  type EventInput,
  employee,
  type PolicyInput,
  product,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const pol = (
  id: string,
  productId: string,
  insuredId: string,
  payerId: string,
  relationship: PolicyInput['relationship'],
  payment: PolicyInput['payment'] = 'personalAccount',
): PolicyInput => ({
  id,
  productId,
  insuredId,
  payerId,
  relationship,
  payment,
});
const campaign = (id: string, when = at('2021-11-15')): EventInput => ({
  type: 'renewalCampaign',
  id,
  at: when,
  fromProductId: 'p21',
  toProductId: 'p22',
});

const POLICIES = [
  pol('pol-a', 'p21', 'm1', 'm1', 'self'), // autoRenew payer, enough for one premium
  pol('pol-b', 'p21', 'm2', 'm1', 'spouse'), // same payer: the balance runs out
  pol('pol-c', 'p21', 'm3', 'm3', 'self', 'cash'), // no autoRenew: reminded
  pol('pol-d', 'p21', 'm4', 'm4', 'self', 'cash'), // already holds p22: skipped
  pol('pol-e', 'p21', 'm6', 'm5', 'child', 'cash'), // autoRenew payer renews from the account even for a cash policy
  pol('pol-d22', 'p22', 'm4', 'm4', 'self', 'cash'),
];

const doc = (events: EventInput[], policies = POLICIES) =>
  scenario({
    plans: [
      ...basicPlans(),
      basicPlan({ year: 2022 }),
      product({ id: 'p21' }),
      product({
        id: 'p22',
        year: 2022,
        coverage: { from: '2022-01-01', to: '2022-12-31' },
        enrollment: {
          opensAt: '2021-10-01T00:00:00+08:00',
          closesAt: '2021-12-31T23:59:59.999+08:00',
          accountPayment: { balance: 'historical', relationships: ['self', 'spouse', 'child', 'parent'], maxRelatives: 5 },
        },
        responsibilities: [{ id: 'R1', kind: 'inPolicySelfPay', visitTypes: ['inpatient'], deductibleFen: 0, ratio: 0.5 }],
      }),
    ],
    members: [
      employee('m1', { autoRenew: true, personalAccount: { currentFen: 100_000, historicalFen: 15_000 } }),
      resident('m2'),
      employee('m3', { personalAccount: { currentFen: 0, historicalFen: 100_000 } }),
      resident('m4'),
      employee('m5', { autoRenew: true, personalAccount: { currentFen: 0, historicalFen: 50_000 } }),
      resident('m6'),
    ],
    policies,
    events,
  });

describe('renewal campaign', () => {
  it("tells a replay's onRenewal each policy's decision, in creation order, as the campaign counts them", () => {
    const parsed = parseScenario(doc([campaign('r1')]));
    const seen: string[] = [];
    replay(parsed.world, parsed.events, {
      onRenewal: (c, policy, renewal) =>
        seen.push(`${c.id} ${policy.id} ${renewal.outcome} ${renewal.reasons.map((r) => r.code).join(',')}`),
    });
    expect(seen).toEqual([
      'r1 pol-a renewed ',
      'r1 pol-b failed INSUFFICIENT_BALANCE',
      'r1 pol-c reminded ',
      'r1 pol-d skipped ',
      'r1 pol-e renewed ',
    ]);
  });

  it('renews, fails, reminds and skips each policy once, in creation order', () => {
    const r = run(doc([campaign('r1')]));
    expect(r.result('r1')).toEqual({
      id: 'r1',
      type: 'renewalCampaign',
      status: 'done',
      renewed: 2, // pol-a, pol-e
      failed: 1, // pol-b: 15,000 − 10,000 = 5,000 historical left < 10,000
      reminded: 2, // pol-b (failed) and pol-c
      skipped: 1, // pol-d
      failedByReason: { INSUFFICIENT_BALANCE: 1 },
    });
    expect(r.balance('m1')).toEqual({ currentFen: 100_000, historicalFen: 5000 });
    expect(r.balance('m5')).toEqual({ currentFen: 0, historicalFen: 40_000 });
    expect(r.balance('m3')?.historicalFen).toBe(100_000);
    expect(r.state.policy('p22' as never, 'm1' as never)).toMatchObject({
      payerId: 'm1',
      relationship: 'self',
      payment: 'personalAccount',
    });
    expect(r.state.policy('p22' as never, 'm2' as never)).toBeUndefined();
  });

  it('depends on creation order when payers share a balance', () => {
    const [a, b, ...rest] = POLICIES;
    const r = run(doc([campaign('r1')], [b!, a!, ...rest]));
    expect(r.state.policy('p22' as never, 'm2' as never)).toBeDefined(); // pol-b came first this time
    expect(r.state.policy('p22' as never, 'm1' as never)).toBeUndefined();
  });

  it('renews nobody twice when re-run, and a redelivered campaign changes nothing', () => {
    const r = run(doc([campaign('r1'), campaign('r1'), campaign('r2')]));
    expect(r.results[1]).toEqual(r.results[0]);
    expect(r.result('r2')).toMatchObject({ renewed: 0, failed: 1, reminded: 2, skipped: 3 }); // pol-a, pol-d, pol-e now hold p22
    expect(r.balance('m1')?.historicalFen).toBe(5000);
    expect(r.balance('m5')?.historicalFen).toBe(40_000);
  });

  it('fails under the enrollment rules at the campaign’s time', () => {
    const r = run(doc([campaign('late', at('2022-01-05'))]));
    // pol-a, pol-b and pol-e fail (window closed 2021-12-31); pol-c is reminded; pol-d skipped
    expect(r.result('late')).toMatchObject({ renewed: 0, failed: 3, reminded: 4, skipped: 1, failedByReason: { ENROLLMENT_CLOSED: 3 } });
    expect(r.balance('m1')?.historicalFen).toBe(15_000);
  });

  it('covers the renewed insured in the new year', () => {
    const r = run(doc([campaign('r1'), claim('c1', [A(10_000)], { serviceDate: '2022-02-01' })]));
    expect(r.claim('c1').supplementary).toMatchObject({ planId: 'p22', paidFen: 5000 }); // 10,000 × 0.5
  });

  it('notifies the payer of each renewal and each reminder', () => {
    const s = parseScenario(doc([campaign('r1')]));
    const sent: Notification[] = [];
    const replayer = new Replayer(s.world, { onNotification: (n) => sent.push(n) });
    replayer.apply(s.events[0]!);
    expect(sent.map((n) => [n.to, n.kind, n.aboutId, n.amountFen])).toEqual([
      ['m1', 'renewed', null, 10_000],
      ['m1', 'renewalReminder', 'm2', 10_000],
      ['m3', 'renewalReminder', null, 10_000],
      ['m5', 'renewed', 'm6', 10_000],
    ]);
    expect(sent.map((n) => n.eventId)).toEqual(['r1/pol-a', 'r1/pol-b', 'r1/pol-c', 'r1/pol-e']);
  });
});
