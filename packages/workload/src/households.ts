/**
 * Households and their members (generator → households): 1–6 people per
 * household — singles, couples, young families, three and four generations, a
 * newborn without an ID number yet — with ages, schemes, retirement, personal
 * accounts, assistance categories and statuses drawn to look like a 浙江 city.
 * A few relatives live elsewhere: parents in the neighbouring city, a sibling in
 * another province (the cases the region rules reject).
 */

import type { City, CityArea } from './city.ts';
import { ageOn } from './clock.ts';
import type { WorkloadMix } from './mix.ts';
import { birthDateForAge, dateBetween, givenName, type IdentityFactory, identityFactory, type Sex, surname } from './people.ts';
import type { Rng } from './prng.ts';
import type { MemberInput, Relationship, Scheme } from './types.ts';

/** A person's place in the household, relative to its head. */
export type Role = 'head' | 'spouse' | 'child' | 'parent' | 'grandparent' | 'sibling';

export interface Account {
  readonly currentFen: number;
  readonly historicalFen: number;
}

export interface Person {
  readonly id: string;
  readonly household: number;
  readonly role: Role;
  readonly sex: Sex;
  readonly name: string;
  readonly birthDate: string;
  /** Age on Jan 1 of the service year. */
  readonly age: number;
  readonly idNumber: string | null;
  readonly birthCertificateNo: string | null;
  readonly phone: string | null;
  readonly scheme: Scheme;
  readonly region: string;
  readonly status: 'active' | 'suspended' | 'transferred';
  readonly retired: boolean;
  readonly account: Account | null;
  readonly assistanceCategory: 'lowIncome' | 'destitute' | null;
  readonly autoRenew: boolean;
}

export interface Household {
  readonly index: number;
  readonly people: readonly Person[];
}

export interface Population {
  readonly households: readonly Household[];
  readonly people: readonly Person[];
  readonly byId: ReadonlyMap<string, Person>;
}

type Kind = 'single' | 'elderSingle' | 'couple' | 'elderCouple' | 'nuclear' | 'threeGen' | 'fourGen' | 'newborn';

const KINDS: readonly (readonly [Kind, number])[] = [
  ['single', 12],
  ['elderSingle', 7],
  ['couple', 9],
  ['elderCouple', 12],
  ['nuclear', 30],
  ['threeGen', 18],
  ['fourGen', 4],
  ['newborn', 8],
];

/** Age range of the household's head by kind of household. */
const HEAD_AGES: Readonly<Record<Kind, readonly [number, number]>> = {
  single: [20, 38],
  elderSingle: [65, 92],
  couple: [24, 45],
  elderCouple: [60, 84],
  nuclear: [28, 52],
  threeGen: [30, 50],
  fourGen: [38, 50],
  newborn: [25, 38],
};

/** A person before ids, identities and insurance are attached. */
interface Sketch {
  role: Role;
  sex: Sex;
  age: number;
  newborn: boolean;
  area: CityArea;
}

const clampAge = (age: number) => Math.max(0, Math.min(99, age));

function sketchHousehold(rng: Rng, city: City): Sketch[] {
  const kind = rng.weighted(KINDS);
  const home = city.home;
  const headSex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const other = (s: Sex): Sex => (s === 'M' ? 'F' : 'M');
  const person = (role: Role, sex: Sex, age: number, area: CityArea = home, newborn = false): Sketch => ({
    role,
    sex,
    age: clampAge(age),
    newborn,
    area,
  });
  const headAge = rng.int(...HEAD_AGES[kind]);
  const out: Sketch[] = [person('head', headSex, headAge)];
  const addSpouse = () => out.push(person('spouse', other(headSex), headAge + rng.int(-4, 4)));
  const addChild = (youngest: boolean) => {
    const age = headAge - rng.int(24, 34);
    if (age >= 0 || youngest) out.push(person('child', rng.chance(0.5) ? 'M' : 'F', Math.max(0, age)));
  };
  const addParents = (count: number) => {
    const base = headAge + rng.int(24, 30);
    // Parents sometimes live in the neighbouring city (same province: family aid allowed,
    // city product not), a few back in their home town across the provincial border.
    const u = rng.next();
    const area = u < 0.12 ? city.neighbour : u < 0.15 ? city.away : home;
    out.push(person('parent', 'M', base + rng.int(0, 4), area));
    if (count > 1) out.push(person('parent', 'F', base + rng.int(-3, 1), area));
  };
  switch (kind) {
    case 'single':
    case 'elderSingle':
      break;
    case 'couple':
    case 'elderCouple':
      addSpouse();
      break;
    case 'nuclear':
      addSpouse();
      addChild(true);
      if (rng.chance(0.4)) addChild(false);
      break;
    case 'threeGen':
      addSpouse();
      addChild(true);
      if (rng.chance(0.3)) addChild(false);
      addParents(rng.chance(0.6) ? 2 : 1);
      break;
    case 'fourGen':
      addSpouse();
      addChild(true);
      addParents(rng.chance(0.5) ? 2 : 1);
      out.push(person('grandparent', rng.chance(0.7) ? 'F' : 'M', Math.min(99, headAge + rng.int(48, 56))));
      break;
    case 'newborn':
      addSpouse();
      if (rng.chance(0.35)) out.push(person('child', rng.chance(0.5) ? 'M' : 'F', rng.int(2, 8)));
      out.push(person('child', rng.chance(0.5) ? 'M' : 'F', 0, home, true));
      break;
  }
  // A sibling registered in another province: the binding the region rules refuse.
  if (out.length < 6 && headAge < 60 && rng.chance(0.04))
    out.push(person('sibling', rng.chance(0.5) ? 'M' : 'F', headAge + rng.int(-6, 6), city.away));
  return out.slice(0, 6);
}

function schemeOf(rng: Rng, age: number, newborn: boolean): Scheme {
  if (newborn || age < 18) return 'resident';
  if (age <= 22) return rng.chance(0.2) ? 'employee' : 'resident';
  if (age < 60) return rng.chance(0.58) ? 'employee' : 'resident';
  return rng.chance(0.42) ? 'employee' : 'resident';
}

function retiredOf(rng: Rng, scheme: Scheme, age: number, sex: Sex): boolean {
  if (scheme !== 'employee') return false;
  if (age >= 60) return rng.chance(0.95);
  if (sex === 'F' && age >= 50) return rng.chance(0.6);
  if (age >= 55) return rng.chance(0.1);
  return false;
}

const fenOf = (yuan: number) => Math.max(0, Math.round(yuan * 100));

/**
 * Balances at the start of the year: the year's credit (the contract has no
 * monthly credit events, so the whole year's is there on Jan 1; retirees get a
 * fixed sum) and the accumulated history, log-normal around a few thousand yuan.
 */
function accountOf(rng: Rng, retired: boolean, low: boolean): Account {
  if (low) return { currentFen: fenOf(rng.int(0, 200) + rng.next()), historicalFen: fenOf(rng.int(0, 90) + rng.next()) };
  const current = retired ? rng.int(1_500, 3_600) : rng.int(1_000, 4_000);
  const historical = Math.min(80_000, rng.logNormal(retired ? 8_000 : 5_000, 0.9));
  return { currentFen: fenOf(current + rng.next()), historicalFen: fenOf(historical) };
}

function statusOf(rng: Rng, mix: WorkloadMix, newborn: boolean): Person['status'] {
  if (newborn || !rng.chance(mix.inactiveShare)) return 'active';
  return rng.chance(0.8) ? 'suspended' : 'transferred';
}

function assistanceOf(rng: Rng, mix: WorkloadMix, scheme: Scheme, age: number): Person['assistanceCategory'] {
  if (scheme !== 'resident') return null;
  const share = age >= 45 ? mix.assistanceShareOlder : mix.assistanceShareYounger;
  if (!rng.chance(share)) return null;
  return rng.chance(age >= 70 ? 0.35 : 0.2) ? 'destitute' : 'lowIncome';
}

function materialise(
  rng: Rng,
  mix: WorkloadMix,
  ids: IdentityFactory,
  city: City,
  sketches: readonly Sketch[],
  household: number,
  nextId: () => string,
): Person[] {
  const start = `${city.year}-01-01`;
  const head = sketches[0]!;
  const district = rng.pick(head.area.districts);
  const headSurname = surname(rng);
  // Children take the father's surname; the head's parents and grandparent share the head's.
  const fatherSurname = head.sex === 'M' ? headSurname : surname(rng);
  const people: Person[] = [];
  let guardianPhone: string | null = null;
  for (const s of sketches) {
    const familyName =
      s.role === 'head'
        ? headSurname
        : s.role === 'spouse'
          ? head.sex === 'M'
            ? surname(rng)
            : fatherSurname
          : s.role === 'child'
            ? fatherSurname
            : (s.role === 'parent' || s.role === 'grandparent') && s.sex === 'M'
              ? headSurname
              : s.role === 'sibling'
                ? headSurname
                : surname(rng);
    const birthDate = s.newborn ? dateBetween(rng, `${city.year - 1}-06-01`, `${city.year}-05-31`) : birthDateForAge(rng, s.age, start);
    const age = s.newborn ? 0 : ageOn(birthDate, start);
    const born = Number(birthDate.slice(0, 4));
    const name = familyName + givenName(rng, s.sex, born);
    const ownDistrict = s.area === head.area && rng.chance(0.9) ? district : rng.pick(s.area.districts);
    const idNumber = s.newborn ? null : ids.idNumber(ownDistrict, birthDate, s.sex);
    // Under 16 the guardian's mobile is on file; a newborn has none yet.
    const phone: string | null = s.newborn ? null : age >= 16 ? ids.mobile() : (guardianPhone ?? ids.mobile());
    if (guardianPhone === null && age >= 18 && phone) guardianPhone = phone;
    const scheme = schemeOf(rng, age, s.newborn);
    const retired = retiredOf(rng, scheme, age, s.sex);
    const account = scheme === 'employee' ? accountOf(rng, retired, rng.chance(mix.lowBalanceShare)) : null;
    const status = statusOf(rng, mix, s.newborn);
    people.push({
      id: nextId(),
      household,
      role: s.role,
      sex: s.sex,
      name,
      birthDate,
      age,
      idNumber,
      birthCertificateNo: s.newborn ? ids.birthCertificateNo() : null,
      phone,
      scheme,
      region: s.area.code,
      status,
      retired,
      account,
      assistanceCategory: assistanceOf(rng, mix, scheme, age),
      autoRenew: scheme === 'employee' && status === 'active' && rng.chance(mix.autoRenewShare),
    });
  }
  return people;
}

/**
 * Exactly `count` members in households; the last household is cut to fit.
 * @example buildPopulation(300, city, mix, rng.fork('households')).people.length // 300
 */
export function buildPopulation(count: number, city: City, mix: WorkloadMix, rng: Rng): Population {
  const ids = identityFactory(rng.fork('identities'));
  const width = Math.max(6, String(count).length);
  let n = 0;
  const nextId = () => `m-${String(++n).padStart(width, '0')}`;
  const households: Household[] = [];
  const people: Person[] = [];
  while (people.length < count) {
    const sketches = sketchHousehold(rng, city).slice(0, count - people.length);
    const members = materialise(rng, mix, ids, city, sketches, households.length, nextId);
    households.push({ index: households.length, people: members });
    people.push(...members);
  }
  ensureRelativeElsewhere(households, people, city, ids, rng);
  return { households, people, byId: new Map(people.map((p) => [p.id, p])) };
}

const canHold = (p: Person, city: City) =>
  (p.role === 'head' || p.role === 'spouse') &&
  p.scheme === 'employee' &&
  p.account !== null &&
  p.region === city.home.code &&
  p.status === 'active';

/**
 * At least one possible holder has a relative insured in another province (the
 * binding family aid refuses), even in a small workload: failing a natural one,
 * a parent or sibling of some holder is moved back to their home town.
 */
function ensureRelativeElsewhere(households: Household[], people: Person[], city: City, ids: IdentityFactory, rng: Rng): void {
  const elsewhere = (h: Household) => h.people.some((p) => p.region === city.away.code);
  if (households.some((h) => elsewhere(h) && h.people.some((p) => canHold(p, city)))) return;
  for (const [i, h] of households.entries()) {
    const relative = h.people.find((p) => p.role === 'parent' || p.role === 'sibling');
    if (!relative || !h.people.some((p) => canHold(p, city))) continue;
    const moved: Person = {
      ...relative,
      region: city.away.code,
      idNumber: ids.idNumber(rng.pick(city.away.districts), relative.birthDate, relative.sex),
      scheme: 'resident',
      retired: false,
      account: null,
      assistanceCategory: null,
      autoRenew: false,
    };
    households[i] = { ...h, people: h.people.map((p) => (p === relative ? moved : p)) };
    people[people.indexOf(relative)] = moved;
    return;
  }
}

/**
 * How `from` names `to` (the relationship words of family aid and enrollment), or
 * null when they are not close relatives in those terms (in-laws, great-grandparents).
 */
export function relationshipOf(from: Person, to: Person): Relationship | null {
  if (from.id === to.id) return 'self';
  return KINSHIP[from.role][to.role] ?? null;
}

/** How a person in one role names a person in another (roles are relative to the head). */
const KINSHIP: Readonly<Record<Role, Partial<Record<Role, Relationship>>>> = {
  head: { spouse: 'spouse', child: 'child', parent: 'parent', grandparent: 'grandparent', sibling: 'sibling' },
  spouse: { head: 'spouse', child: 'child' },
  child: { head: 'parent', spouse: 'parent', child: 'sibling', parent: 'grandparent' },
  parent: { head: 'child', child: 'grandchild', parent: 'spouse', grandparent: 'parent', sibling: 'child' },
  grandparent: { head: 'grandchild', parent: 'child', sibling: 'grandchild' },
  sibling: { head: 'sibling', parent: 'parent', sibling: 'sibling' },
};

/** The member as the contract writes it. */
export function memberDoc(p: Person): MemberInput {
  return {
    id: p.id,
    name: p.name,
    ...(p.idNumber ? { idNumber: p.idNumber } : { birthDate: p.birthDate, birthCertificateNo: p.birthCertificateNo }),
    phone: p.phone,
    scheme: p.scheme,
    region: p.region,
    status: p.status,
    retired: p.retired,
    ...(p.account ? { personalAccount: { ...p.account } } : {}),
    ...(p.assistanceCategory ? { assistanceCategory: p.assistanceCategory } : {}),
    ...(p.autoRenew ? { autoRenew: true } : {}),
  };
}
