/**
 * A year of claims (generator → claims, 一站式结算): visits spread over the service
 * year by weekday and season, at providers chosen by visit type and where the
 * patient lives, with the traffic around them — quotes (试算) just before some
 * claims, a few reversals (撤销结算) and re-bills, deliveries repeated — and the
 * claims eligibility refuses: someone else's card (冒名就医), a provider that is not
 * designated, a member not active or unknown, a region without a basic plan.
 */

import type { City } from './city.ts';
import { DAY_MS, datesOfYear, isoShanghai, MINUTE_MS, shanghai, startOfDate, weekday } from './clock.ts';
import type { Person, Population } from './households.ts';
import { inpatientLines, outpatientLines, pharmacyLines, specialDrugLines, specialOutpatientLines } from './lines.ts';
import type { WorkloadMix } from './mix.ts';
import { buildPatientPools, type Patient, type PatientPools } from './patients.ts';
import { type Rng, type WeightedTable, weightedTable } from './prng.ts';
import type { ClaimInput, LineInput, Timed, VisitType } from './types.ts';

type Ineligible = 'none' | 'unknownMember' | 'credential' | 'nonDesignated' | 'noBasicPlan';

interface Generated {
  readonly claim: ClaimInput;
  readonly at: number;
  /** Expected to settle: a known, active patient with their own card at a designated provider. */
  readonly clean: boolean;
}

/** Visits by date: fewer at weekends, more in winter. */
function dateTable(year: number): WeightedTable<string> {
  return weightedTable(datesOfYear(year), (d) => {
    const day = weekday(d);
    const month = Number(d.slice(5, 7));
    return (day === 0 ? 0.45 : day === 6 ? 0.6 : 1) * (month === 12 || month <= 2 ? 1.15 : 1);
  })!;
}

function pickProvider(rng: Rng, city: City, type: VisitType, patient: Patient, specialDrug: boolean): string {
  const pools = city.pools;
  const neighbour = patient.person.region === city.neighbour.code;
  const hospital = (weights: readonly [number, number, number]) =>
    rng.pick(
      pools.hospitalsByLevel[
        rng.weighted([
          [1, weights[0]],
          [2, weights[1]],
          [3, weights[2]],
        ] as const)
      ],
    );
  switch (type) {
    case 'pharmacy':
      if (specialDrug) {
        const u = rng.next();
        return u < 0.85 ? rng.pick(pools.specialDrugPharmacies) : u < 0.95 ? rng.pick(pools.pharmacies) : pools.neighbourPharmacy;
      }
      return neighbour ? pools.neighbourPharmacy : rng.pick(pools.pharmacies);
    case 'outpatient':
      return neighbour ? pools.neighbourHospital : hospital([0.45, 0.3, 0.25]);
    case 'specialOutpatient':
      if (neighbour) return pools.neighbourHospital;
      return patient.condition === 'dialysis' || patient.condition === 'cancer' ? hospital([0, 0.35, 0.65]) : hospital([0.1, 0.4, 0.5]);
    case 'inpatient': {
      if (neighbour) return rng.chance(0.85) ? pools.neighbourHospital : hospital([0, 0, 1]);
      const u = rng.next();
      // 异地就医: some go to the neighbouring city's hospital, a few out of the province.
      if (u < 0.05) return pools.neighbourHospital;
      if (u < 0.08) return pools.awayHospital;
      return patient.severe ? hospital([0, 0.25, 0.75]) : hospital([0.1, 0.35, 0.55]);
    }
  }
}

/** When the bill is settled: after the visit the same day, or at discharge for a stay. */
function settledAt(rng: Rng, type: VisitType, serviceDate: string, stayDays: number): number {
  const day = startOfDate(serviceDate);
  const minutes = (from: number, to: number) => rng.int(from * 60, to * 60) * MINUTE_MS + rng.int(0, 59) * 1000;
  switch (type) {
    case 'outpatient':
      return day + (rng.chance(0.05) ? minutes(18, 22) : minutes(8, 17)) + rng.int(5, 90) * MINUTE_MS;
    case 'pharmacy':
      return day + minutes(8, 21) + rng.int(1, 10) * MINUTE_MS;
    case 'specialOutpatient':
      return day + minutes(8, 16) + rng.int(10, 120) * MINUTE_MS;
    case 'inpatient':
      return day + stayDays * DAY_MS + minutes(9, 16);
  }
}

function lengthOfStay(rng: Rng, patient: Patient, childbirth: boolean): number {
  if (childbirth) return rng.int(2, 5);
  const median = patient.severe ? 12 : 6;
  return Math.round(Math.min(patient.severe ? 60 : 30, Math.max(1, rng.logNormal(median, 0.6))));
}

function serviceDateFor(rng: Rng, dates: WeightedTable<string>, person: Person): string {
  let date = dates.draw(rng);
  // A newborn is seen only after birth.
  for (let i = 0; i < 5 && date < person.birthDate; i++) date = dates.draw(rng);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers: Math.max would give NaN.
  return date < person.birthDate ? person.birthDate : date;
}

/** The re-billed claim after a reversal: one item dropped or one amount corrected. */
function corrected(rng: Rng, lines: readonly LineInput[]): LineInput[] {
  const out = lines.map((l) => ({ ...l }));
  const i = rng.int(0, out.length - 1);
  if (out.length > 1 && rng.chance(0.6)) out.splice(i, 1);
  else out[i]!.amountFen = Math.max(100, Math.round(out[i]!.amountFen * (1 - rng.int(5, 30) / 100)));
  return out;
}

interface Context {
  readonly rng: Rng;
  readonly city: City;
  readonly mix: WorkloadMix;
  readonly population: Population;
  readonly pools: PatientPools;
  readonly dates: WeightedTable<string>;
  readonly ineligible: WeightedTable<readonly [Ineligible, number]>;
}

/** Why a claim will be refused, weighted by the mix; `none` for most. */
function ineligibilityTable(mix: WorkloadMix, pools: PatientPools): WeightedTable<readonly [Ineligible, number]> {
  const shares: (readonly [Ineligible, number])[] = [
    ['unknownMember', mix.unknownMemberShare],
    ['credential', mix.credentialMismatchShare],
    ['nonDesignated', mix.nonDesignatedShare],
    ['noBasicPlan', pools.uncovered.length > 0 ? mix.noBasicPlanShare : 0],
  ];
  const refused = shares.reduce((s, [, w]) => s + w, 0);
  return weightedTable([...shares, ['none', Math.max(0, 1 - refused)] as const], ([, w]) => w)!;
}

function oneClaim(ctx: Context, id: string, type: VisitType, forced: Ineligible | undefined): Generated {
  const { rng, city, population, pools } = ctx;
  const kind = forced ?? ctx.ineligible.draw(rng)[0];
  const specialDrug = type === 'pharmacy' && pools.specialDrug !== undefined && rng.chance(ctx.mix.specialDrugShare);
  const table = specialDrug ? pools.specialDrug : (pools.byVisitType[type] ?? pools.byVisitType.pharmacy);
  const patient = (table ?? pools.byVisitType.pharmacy)!.draw(rng);
  const person = patient.person;
  const serviceDate = serviceDateFor(rng, ctx.dates, person);
  const childbirth =
    type === 'inpatient' && person.sex === 'F' && person.age >= 22 && person.age <= 38 && !patient.condition && rng.chance(0.4);
  const stay = type === 'inpatient' ? lengthOfStay(rng, patient, childbirth) : 0;

  let lines: LineInput[];
  if (specialDrug && patient.specialDrug) lines = specialDrugLines(rng, patient.specialDrug.code, patient.specialDrug.packFen);
  else if (type === 'pharmacy') lines = pharmacyLines(rng);
  else if (type === 'outpatient') lines = outpatientLines(rng);
  else if (type === 'specialOutpatient') lines = specialOutpatientLines(rng, patient.condition ?? 'hypertension');
  else lines = inpatientLines(rng, { severe: patient.severe, childbirth });

  let memberId = person.id;
  let cardHolderId = person.id;
  let providerId = pickProvider(rng, city, type, patient, specialDrug);
  if (kind === 'unknownMember') {
    memberId = cardHolderId = `m-x${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  } else if (kind === 'credential') {
    const others = population.households[person.household]!.people.filter((p) => p.id !== person.id);
    cardHolderId = others.length > 0 ? rng.pick(others).id : `m-x${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  } else if (kind === 'nonDesignated') {
    providerId = rng.pick(type === 'pharmacy' ? city.pools.nonDesignatedPharmacies : city.pools.nonDesignatedHospitals);
  } else if (kind === 'noBasicPlan') {
    memberId = cardHolderId = rng.pick(pools.uncovered).id;
    providerId = city.pools.awayHospital;
  }
  const at = settledAt(rng, type, serviceDate, stay);
  const claim: ClaimInput = {
    type: 'claim',
    id,
    at: isoShanghai(at),
    memberId,
    cardHolderId,
    providerId,
    visitType: type,
    serviceDate,
    ...(rng.chance(ctx.mix.noAccountShare) ? { useAccount: false } : {}),
    lines,
  };
  return { claim, at, clean: kind === 'none' && person.status === 'active' };
}

/**
 * `count` claims with distinct ids over the service year (re-bills after reversals
 * included), with their quotes, reversals and repeated deliveries.
 * @example buildClaims(1_500, population, aid.holderOf, city, DEFAULT_MIX, rng.fork('claims'))
 */
export function buildClaims(
  count: number,
  population: Population,
  holderOf: ReadonlyMap<string, string>,
  city: City,
  mix: WorkloadMix,
  rng: Rng,
): Timed[] {
  const pools = buildPatientPools(population, city, holderOf, rng.fork('patients'));
  const ctx: Context = { rng, city, mix, population, pools, dates: dateTable(city.year), ineligible: ineligibilityTable(mix, pools) };
  const reversals = count >= 50 ? Math.max(2, Math.round(count * mix.reversalShare)) : 0;
  const rebills = Math.floor(reversals / 2);
  const width = Math.max(6, String(count).length);
  let n = 0;
  const nextId = () => `c-${String(++n).padStart(width, '0')}`;
  const shares = Object.entries(mix.visitTypes) as [VisitType, number][];

  // Every kind of refusal appears at least once in a workload of some size.
  const base = count - rebills;
  const kinds: Ineligible[] = [
    'unknownMember',
    'credential',
    'nonDesignated',
    ...(pools.uncovered.length > 0 ? ['noBasicPlan' as const] : []),
  ];
  const forced = new Map<number, Ineligible>();
  if (base >= 50)
    rng
      .shuffled(Array.from({ length: base }, (_, i) => i))
      .slice(0, kinds.length)
      .forEach((index, k) => {
        forced.set(index, kinds[k]!);
      });

  const timed: Timed[] = [];
  const generated: Generated[] = [];
  const quote = (g: Generated) => {
    // 试算 right before the bill: the same content, a few minutes earlier.
    const at = g.at - rng.int(1, 30) * MINUTE_MS;
    timed.push({ at, event: { ...g.claim, type: 'quote', id: g.claim.id.replace(/^c-/, 'q-'), at: isoShanghai(at) } });
  };
  let quotes = 0;
  for (let i = 0; i < base; i++) {
    const type = rng.weighted(shares);
    const g = oneClaim(ctx, nextId(), type, forced.get(i));
    generated.push(g);
    timed.push({ at: g.at, event: g.claim });
    if (g.clean && rng.chance(mix.quoteShare[type])) {
      quote(g);
      quotes++;
    }
    if (rng.chance(mix.duplicateClaimShare)) {
      const at = g.at + rng.int(1, 120) * 1000;
      timed.push({ at, event: { ...g.claim, at: isoShanghai(at) } });
    }
  }

  const unquoted = generated.find((g) => g.clean);
  if (quotes === 0 && unquoted && base >= 50) quote(unquoted);

  // Reversals of earlier settled claims; half are re-billed with a corrected bill.
  const lastReversal = shanghai(city.year, 12, 20);
  const candidates = rng.shuffled(generated.filter((g) => g.clean && g.at < lastReversal)).slice(0, reversals);
  const reversalEvents: Timed[] = [];
  candidates.forEach((g, i) => {
    const at = g.at + rng.int(10, 3 * 24 * 60) * MINUTE_MS;
    const reversal: Timed = {
      at,
      event: { type: 'reverseClaim', id: `x-${String(i + 1).padStart(6, '0')}`, at: isoShanghai(at), claimId: g.claim.id },
    };
    reversalEvents.push(reversal);
    if (i < rebills) {
      const again = at + rng.int(5, 90) * MINUTE_MS;
      timed.push({ at: again, event: { ...g.claim, id: nextId(), at: isoShanghai(again), lines: corrected(rng, g.claim.lines) } });
    }
  });
  timed.push(...reversalEvents);
  const [first, second] = reversalEvents;
  if (first) {
    // The same reversal delivered twice: answered once.
    timed.push({ at: first.at + 30_000, event: { ...first.event, at: isoShanghai(first.at + 30_000) } });
  }
  if (second && second.event.type === 'reverseClaim') {
    // A second reversal of the same claim under a new id: ALREADY_REVERSED.
    const at = second.at + DAY_MS;
    timed.push({
      at,
      event: {
        type: 'reverseClaim',
        id: `x-${String(candidates.length + 1).padStart(6, '0')}`,
        at: isoShanghai(at),
        claimId: second.event.claimId,
      },
    });
  }
  const quoted = timed.find((t) => t.event.type === 'quote');
  if (quoted && reversals > 0) {
    // A reversal naming a quote: quotes settle nothing, CLAIM_NOT_FOUND.
    const at = quoted.at + DAY_MS;
    timed.push({
      at,
      event: {
        type: 'reverseClaim',
        id: `x-${String(candidates.length + 2).padStart(6, '0')}`,
        at: isoShanghai(at),
        claimId: quoted.event.id,
      },
    });
  }
  return timed;
}
