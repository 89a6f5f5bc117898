/**
 * A family that shares one holder's personal account (家庭共济) in 九江 (the
 * region keeps a 2,000-yuan reserve on the holder's account): the catalog of
 * the public example 03, a holder, and `size` relatives bound to the holder for
 * the whole year. Claims of the relatives draw on the holder's account, so when
 * they arrive at once they contend for the same item.
 */

import { join } from 'node:path';
import type { ScenarioInput } from '@medins/contract';
import { withCheckDigit } from '@medins/engine';
import { EXAMPLES_DIR, readText } from './stack.ts';

type ClaimInput = Extract<ScenarioInput['events'][number], { type: 'claim' }>;

export const HOLDER = 'h';
export const RESERVE_FEN = 200_000;
const RELATIONSHIPS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'] as const;

const relativeId = (i: number) => `k${String(i + 1).padStart(2, '0')}`;

/**
 * @param size relatives in the holder's group
 * @param holderAccount the holder's balances (default 3,000 + 2,500 yuan: 3,500 above the reserve)
 */
export function familyWorld(size: number, holderAccount = { currentFen: 300_000, historicalFen: 250_000 }): ScenarioInput {
  const base = JSON.parse(readText(join(EXAMPLES_DIR, '03-family-mutual-aid.scenario.json'))) as ScenarioInput;
  const relatives = Array.from({ length: size }, (_, i) => ({
    id: relativeId(i),
    name: `亲属${i + 1}`,
    idNumber: withCheckDigit(`36040219${String(50 + (i % 50)).padStart(2, '0')}0101${String(100 + i).padStart(3, '0')}`),
    phone: '13900000000',
    // every third relative is an employee with a small account of their own, spent first
    ...(i % 3 === 2
      ? { scheme: 'employee' as const, personalAccount: { currentFen: 5_000 + i * 100, historicalFen: 0 } }
      : { scheme: 'resident' as const }),
    region: '360400',
    status: 'active' as const,
    retired: false,
  }));
  return {
    version: 1,
    regions: base.regions,
    plans: base.plans,
    providers: base.providers,
    members: [
      {
        id: HOLDER,
        name: '刘强',
        idNumber: '360402197001010410',
        phone: '13900000000',
        scheme: 'employee',
        region: '360400',
        status: 'active',
        retired: false,
        personalAccount: holderAccount,
      },
      ...relatives,
    ] as ScenarioInput['members'],
    familyGroups: [
      {
        holderId: HOLDER,
        members: relatives.map((r, i) => ({
          memberId: r.id,
          relationship: RELATIONSHIPS[i % RELATIONSHIPS.length]!,
          validFrom: '2025-01-01T00:00:00+08:00',
          validTo: null,
        })),
      },
    ],
    events: [],
  };
}

/** An inpatient claim of relative `i` at the level-2 hospital of 九江, `amountFen` of class A. */
export function relativeClaim(i: number, amountFen: number, id = `c-${relativeId(i)}`): ClaimInput {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    type: 'claim',
    id,
    at: `2025-03-${day}T09:00:00+08:00`,
    memberId: relativeId(i),
    cardHolderId: relativeId(i),
    providerId: 'H-JJ-2',
    visitType: 'inpatient',
    serviceDate: `2025-03-${day}`,
    lines: [{ code: 'A', category: 'A', amountFen }],
  };
}
