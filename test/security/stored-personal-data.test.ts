/**
 * Personal data at rest: a member's phone is never needed in clear (no rule
 * compares it; notifications carry it masked), so the members table stores only
 * its masked form. Names and ID numbers are compared by the real-name and proof
 * rules and stay, in tables encrypted with the stack's customer-managed key
 * (asserted by infra/test/tables.test.ts).
 */

import { parseScenario } from '@medins/contract';
import { type Embedded, startEmbedded } from '@medins/embedded';
import { generateWorkload } from '@medins/workload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const doc = generateWorkload({ members: 60, claims: 0, seed: 4 });
let embedded: Embedded;

beforeAll(async () => {
  embedded = await startEmbedded();
  await embedded.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, parseScenario(doc).world);
}, 120_000);

afterAll(async () => {
  await embedded?.stop();
});

describe('the members table', () => {
  it('holds no member’s phone in clear', async () => {
    const stored = await embedded.store.scanAll<{ memberId: string; phone: string | null }>('members');
    const phones = new Map((doc.members as { id: string; phone?: string | null }[]).map((m) => [m.id, m.phone ?? null]));
    expect(stored.length).toBe(phones.size);
    const withPhone = stored.filter((m) => phones.get(m.memberId));
    expect(withPhone.length).toBeGreaterThan(30);
    for (const m of withPhone) {
      expect(m.phone).not.toBe(phones.get(m.memberId));
      expect(m.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });
});
