/**
 * Family mutual aid (generator → family-aid, 家庭共济): groups already in the world
 * with their windows, groups set up during the year (bindFamily), relatives who
 * leave (unbindFamily), and requests refused on purpose — a sibling in another
 * province, a person already in a group, a back-dated or inverted window, an
 * unbind of someone never bound.
 */

import type { City } from './city.ts';
import { DAY_MS, endOfYear, isoShanghai, MINUTE_MS, shanghai, startOfDay } from './clock.ts';
import { type Household, type Person, type Population, relationshipOf } from './households.ts';
import type { WorkloadMix } from './mix.ts';
import { pickSome, type Rng } from './prng.ts';
import type { BindFamilyInput, FamilyGroupInput, Relationship, Timed } from './types.ts';

export interface FamilyAid {
  readonly familyGroups: FamilyGroupInput[];
  readonly timed: Timed[];
  /** Relatives bound (in the world or by an event meant to succeed) → their holder. */
  readonly holderOf: ReadonlyMap<string, string>;
}

interface Relative {
  readonly person: Person;
  readonly relationship: Relationship;
}

/** The household's holder: the head, else the spouse, who is an employee with an account at home. */
export function holderOf(household: Household, city: City): Person | undefined {
  return household.people.find(
    (p) => (p.role === 'head' || p.role === 'spouse') && p.scheme === 'employee' && p.account !== null && p.region === city.home.code,
  );
}

/** Relatives the holder may bind: an allowed relationship, inside the province. */
function relativesOf(holder: Person, household: Household, city: City): Relative[] {
  const out: Relative[] = [];
  for (const person of household.people) {
    const relationship = relationshipOf(holder, person);
    if (!relationship || relationship === 'self' || person.region === city.away.code) continue;
    out.push({ person, relationship });
  }
  return out;
}

/** A day of the service year, weighted to the first months (people set up aid after the new year). */
function bindTime(rng: Rng, year: number): number {
  const month = rng.weighted([
    [1, 3],
    [2, 2],
    [3, 2],
    [4, 1.5],
    [5, 1],
    [6, 1],
    [7, 0.8],
    [8, 0.8],
    [9, 0.8],
    [10, 0.6],
    [11, 0.5],
  ] as const);
  return shanghai(year, month, rng.int(1, 28), rng.int(8, 21), rng.int(0, 59), rng.int(0, 59));
}

/**
 * The world's family groups and the year's bind and unbind requests, with the
 * holder each relative is expected to draw on (for the claims module).
 * @example buildFamilyAid(population, city, DEFAULT_MIX, rng.fork('family-aid')).familyGroups
 */
export function buildFamilyAid(population: Population, city: City, mix: WorkloadMix, rng: Rng): FamilyAid {
  const year = city.year;
  const familyGroups: FamilyGroupInput[] = [];
  const timed: Timed[] = [];
  const holderMap = new Map<string, string>();
  let n = 0;
  const id = (prefix: string) => `${prefix}-${String(++n).padStart(6, '0')}`;

  const bind = (at: number, holder: Person, member: Person, relationship: string, validFrom: number, validTo: number | null): void => {
    const event: BindFamilyInput = {
      type: 'bindFamily',
      id: id('b'),
      at: isoShanghai(at),
      holderId: holder.id,
      memberId: member.id,
      relationship,
      validFrom: isoShanghai(validFrom),
      validTo: validTo === null ? null : isoShanghai(validTo),
    };
    timed.push({ at, event });
  };
  const unbind = (at: number, holder: Person, member: Person): void => {
    timed.push({ at, event: { type: 'unbindFamily', id: id('u'), at: isoShanghai(at), holderId: holder.id, memberId: member.id } });
  };
  const laterInYear = (after: number) => {
    const from = Math.max(after + DAY_MS, shanghai(year, 1, 15));
    const to = shanghai(year, 12, 15);
    return from >= to ? to : from + Math.floor(rng.next() * (to - from));
  };

  // First who does what, then the deliberate refusals (at least one of each), then the events.
  type Plan = { household: Household; holder: Person; relatives: Relative[]; away: Person | undefined; kind: 'world' | 'event' | 'none' };
  const plans: Plan[] = [];
  for (const household of population.households) {
    const holder = holderOf(household, city);
    if (!holder) continue;
    const relatives = relativesOf(holder, household, city);
    const roll = rng.next();
    const kind =
      relatives.length > 0 && roll < mix.worldGroupShare
        ? 'world'
        : relatives.length > 0 && roll < mix.worldGroupShare + mix.bindEventShare && holder.status === 'active'
          ? 'event'
          : 'none';
    plans.push({ household, holder, relatives, away: household.people.find((p) => p.region === city.away.code), kind });
  }
  const active = (p: Plan) => p.holder.status === 'active';
  const rebound = pickSome(
    rng,
    plans.filter((p) => p.kind === 'world' && active(p)),
    0.06,
    1,
  );
  const broken = pickSome(
    rng,
    plans.filter((p) => p.kind === 'event'),
    0.05,
    1,
  );
  const neverBound = pickSome(
    rng,
    plans.filter((p) => p.kind === 'none' && active(p) && p.relatives.length > 0),
    0.02,
    1,
  );
  const outOfProvince = pickSome(
    rng,
    plans.filter((p) => p.away !== undefined && active(p)),
    0.6,
    1,
  );

  for (const plan of plans) {
    const { household, holder, relatives } = plan;
    if (plan.kind === 'world') {
      // A group set up in an earlier year; a few windows end during the service year.
      const members = relatives.filter(() => rng.chance(0.85));
      if (members.length === 0) members.push(relatives[0]!);
      const from = shanghai(year - 1, rng.int(3, 12), rng.int(1, 20), rng.chance(0.5) ? 0 : rng.int(8, 20), 0);
      const groupMembers = members.map((r) => {
        const u = rng.next();
        const validTo = u < 0.85 ? null : u < 0.95 ? endOfYear(year) : shanghai(year, rng.int(4, 9), rng.int(1, 28), 23, 59, 59, 999);
        if (active(plan)) holderMap.set(r.person.id, holder.id);
        return {
          memberId: r.person.id,
          relationship: r.relationship,
          validFrom: isoShanghai(from),
          validTo: validTo === null ? null : isoShanghai(validTo),
        };
      });
      familyGroups.push({ holderId: holder.id, members: groupMembers });
      for (const r of members) if (rng.chance(mix.unbindShare)) unbind(laterInYear(from), holder, r.person);
      if (rebound.has(plan)) {
        // Refused on purpose: someone already in this group is bound again — by the
        // spouse when the spouse could hold a group, else by the same holder.
        const target = rng.pick(members).person;
        const spouse = household.people.find((p) => p.id !== holder.id && (p.role === 'head' || p.role === 'spouse') && p.account !== null);
        const other = spouse && spouse.id !== target.id ? spouse : holder;
        const at = bindTime(rng, year);
        bind(at, other, target, relationshipOf(other, target) ?? 'child', at, null);
      }
    } else if (plan.kind === 'event') {
      let at = bindTime(rng, year);
      relatives.forEach((r, i) => {
        if (i === 0 && broken.has(plan)) {
          // Refused on purpose: back-dated to the start of the day, or a window ending before it starts.
          const backDated = rng.chance(0.6);
          bind(at, holder, r.person, r.relationship, backDated ? startOfDay(at) : at, backDated ? null : at - DAY_MS);
          at += rng.int(2, 20) * MINUTE_MS;
        }
        const validFrom = rng.chance(0.6) ? at : startOfDay(at) + DAY_MS;
        const validTo = rng.chance(0.9) ? null : endOfYear(year);
        bind(at, holder, r.person, r.relationship, validFrom, validTo);
        holderMap.set(r.person.id, holder.id);
        if (rng.chance(mix.unbindShare)) unbind(laterInYear(validFrom), holder, r.person);
        at += rng.int(20, 240) * 1000;
      });
    } else if (neverBound.has(plan)) {
      // Refused on purpose: unbinding a relative who was never bound.
      unbind(bindTime(rng, year), holder, rng.pick(relatives).person);
    }
    if (plan.away && outOfProvince.has(plan)) {
      // Refused on purpose: the relative is insured in another province.
      const at = bindTime(rng, year);
      bind(at, holder, plan.away, relationshipOf(holder, plan.away) ?? 'parentInLaw', at, null);
    }
  }
  return { familyGroups, timed, holderOf: holderMap };
}
