/**
 * Personal data at rest (issue 14): a seeded world's members are kept sealed —
 * name, ID number, phone and birth-certificate number as keyed digests and
 * masked display forms (engine's core/personal.ts) — so no table holds a clear
 * value; the birth date the rules need was read from the ID number at the seal.
 * The runs that move data (main job, chaos, API) are scanned in their own tests.
 */

import { parseScenario } from '@medins/contract';
import { type Embedded, startEmbedded } from '@medins/embedded';
import { generateWorkload } from '@medins/workload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearValuesOf, leaksIn, tableTexts } from '../support/personal-data.ts';

const doc = generateWorkload({ members: 60, claims: 0, seed: 4 });
let embedded: Embedded;

beforeAll(async () => {
  embedded = await startEmbedded();
  await embedded.seed(
    { regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers },
    parseScenario(doc, embedded.digest).world,
  );
}, 120_000);

afterAll(async () => {
  await embedded?.stop();
});

type Sealed = { digest: string; masked: string };
type StoredMember = { memberId: string; name: Sealed; idNumber: Sealed | null; phone: Sealed | null; birthDate: string | null };

describe('the tables after a seed', () => {
  it('hold no clear name, ID number, phone or certificate number, in any table', async () => {
    const clear = clearValuesOf(doc as never);
    expect(clear.size).toBeGreaterThan(100);
    expect(leaksIn(await tableTexts(embedded), clear)).toEqual([]);
  });

  it('keep each member’s personal data as a keyed digest and a masked form, and the birth date', async () => {
    const stored = await embedded.store.scanAll<StoredMember>('members');
    const byId = new Map(
      (doc.members as { id: string; name: string; phone?: string | null; idNumber?: string | null }[]).map((m) => [m.id, m]),
    );
    expect(stored.length).toBe(byId.size);
    for (const m of stored) {
      const source = byId.get(m.memberId)!;
      expect(m.name.digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(m.name.masked).toBe(`${[...source.name][0]}${'*'.repeat([...source.name].length - 1)}`);
      if (source.phone) expect(m.phone?.masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      if (source.idNumber) {
        expect(m.idNumber?.masked).toBe(`${source.idNumber.slice(0, 6)}********${source.idNumber.slice(-4)}`);
        expect(m.birthDate).toBe(`${source.idNumber.slice(6, 10)}-${source.idNumber.slice(10, 12)}-${source.idNumber.slice(12, 14)}`);
      }
    }
  });
});
