/**
 * state/replay.ts: events in order, each applied entirely or not at all; an event
 * id seen before is answered with its first result and changes nothing.
 */

import { parseScenario } from '@medins/contract';
import { replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { digest, keysOf } from '../support/state.ts';
import { basicPlan, claim, employee, OOC, run, scenario } from '../support/world.ts';

const doc = (events: ReturnType<typeof claim>[]) =>
  scenario({ plans: [basicPlan()], members: [employee('m1', { personalAccount: { currentFen: 10_000, historicalFen: 0 } })], events });

describe('replay', () => {
  it('answers a redelivered claim with its first result and debits once', () => {
    const r = run(doc([claim('c1', [OOC(3000)]), claim('c1', [OOC(3000)])]));
    expect(r.results[1]).toBe(r.results[0]);
    expect(r.balance('m1')?.currentFen).toBe(7000);
  });

  it('answers a reused id with the first result even when the content differs', () => {
    const r = run(doc([claim('c1', [OOC(3000)]), claim('c1', [OOC(9000)], { useAccount: false })]));
    expect(r.results[1]).toEqual(r.results[0]);
    expect(r.balance('m1')?.currentFen).toBe(7000);
  });

  it('leaves the whole state unchanged on a redelivery', () => {
    const r = run(doc([claim('c1', [OOC(3000)])]));
    const keys = keysOf(r.scenario);
    const before = digest(r.state, keys);
    r.replayer.apply(r.scenario.events[0]!);
    expect(digest(r.state, keys)).toEqual(before);
  });

  it('prints the balances of every member with an account, in id order', () => {
    const s = parseScenario(
      scenario({
        plans: [basicPlan()],
        members: [employee('z'), employee('a', { personalAccount: { currentFen: 5, historicalFen: 6 } })],
        events: [],
      }),
    );
    expect(Object.keys(replay(s.world, s.events).balances)).toEqual(['a', 'z']);
  });

  it('prints the balance of a member whose id is "__proto__" (any id string is valid in the contract)', () => {
    // MemoryState.balances() writes `out[id] = account` into a plain object: for "__proto__"
    // that sets the prototype instead of a property, and the member vanishes from the outcome.
    const s = parseScenario(
      scenario({
        plans: [basicPlan()],
        members: [employee('__proto__', { personalAccount: { currentFen: 5, historicalFen: 6 } })],
        events: [],
      }),
    );
    const outcome = replay(s.world, s.events);
    expect(Object.hasOwn(outcome.balances, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(outcome.balances))).toEqual(JSON.parse('{"__proto__":{"currentFen":5,"historicalFen":6}}'));
  });
});
