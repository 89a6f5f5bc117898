/**
 * Enrollment in 惠衢保 (generator → enrollment, 惠民保投保): policies already in
 * the world, the rush of the last weeks before the Dec 31 deadline — whole
 * families paid from the employee's historical balance, others in cash — with
 * the mistakes real traffic has: requests a millisecond or days late, retries
 * delivered twice, bad real-name data, balances too small (then cash), relatives
 * the account may not pay for, people outside the city or not insured; and in
 * December of the service year, the families the renewal campaign only reminded.
 */

import { ACCOUNT_RELATIONSHIPS, type City, MAX_RELATIVES, type ProductSpec } from './city.ts';
import { DAY_MS, isoShanghai, isoUtc, MINUTE_MS, startOfDay } from './clock.ts';
import { holderOf } from './family-aid.ts';
import { type Household, type Person, type Population, relationshipOf } from './households.ts';
import type { WorkloadMix } from './mix.ts';
import { withWrongCheckDigit } from './people.ts';
import { pickSome, type Rng, weightedTable } from './prng.ts';
import { campaignAt } from './renewal.ts';
import type { EnrollInput, PolicyInput, Relationship, Timed } from './types.ts';

export interface Enrollment {
  readonly policies: PolicyInput[];
  readonly timed: Timed[];
}

type Payment = EnrollInput['payment'];
type RealName = NonNullable<EnrollInput['realName']>;

/** Hour-of-day weights of enrollment traffic: evenings after work carry the most. */
const HOURS: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, h) => [
  h,
  h < 7 ? 0.15 : h < 8 ? 0.5 : h < 12 ? 1 : h < 14 ? 1.3 : h < 18 ? 1 : h < 19 ? 1.2 : h < 23 ? 1.8 : 1,
]);

/**
 * Submission times in [from, to]: days weighted to grow toward the deadline (the
 * last three days doubled), hours by HOURS, the last hour of the last day crowded.
 * Built once per window; each draw is two binary searches.
 */
function rushSchedule(from: number, to: number): (rng: Rng) => number {
  const days = Math.max(1, Math.ceil((to - from) / DAY_MS));
  const dayTable = weightedTable(
    Array.from({ length: days }, (_, d) => d),
    (d) => Math.exp((d - days) / 14) * (d >= days - 3 ? 2 : 1),
  )!;
  const hourTable = weightedTable(HOURS, ([, w]) => w)!;
  const lastHourTable = weightedTable(HOURS, ([h, w]) => (h === 23 ? w * 4 : w))!;
  return (rng) => {
    const day = dayTable.draw(rng);
    const [hour] = (day === days - 1 ? lastHourTable : hourTable).draw(rng);
    const at = from + day * DAY_MS + hour * 3_600_000 + rng.int(0, 3_599_999);
    return Math.min(Math.max(at, from), to);
  };
}

const allowedForAccount = (relationship: string | null): boolean =>
  relationship !== null && ACCOUNT_RELATIONSHIPS.some((r) => r === relationship);

const realNameOf = (p: Person): RealName => ({ name: p.name, idNumber: p.idNumber ?? '', phone: p.phone ?? '' });

/** The payer's real-name data spoiled the way people spoil it. */
function spoiled(rng: Rng, payer: Person, household: Household): RealName {
  const good = realNameOf(payer);
  const spouse = household.people.find((p) => p.id !== payer.id && (p.role === 'spouse' || p.role === 'head'));
  const kind = rng.weighted([
    ['checkDigit', 4],
    ['phone', 3],
    ['name', spouse ? 3 : 0],
  ] as const);
  if (kind === 'checkDigit') return { ...good, idNumber: withWrongCheckDigit(good.idNumber) };
  if (kind === 'phone') return { ...good, phone: good.phone.slice(0, 10) };
  return { ...good, name: spouse!.name };
}

interface Sender {
  readonly product: ProductSpec;
  readonly rng: Rng;
  readonly mix: WorkloadMix;
  /** Late families of the Y rush are written in UTC, as a server in UTC logs them. */
  utc: boolean;
  /** Account balances as this module expects them to be when the requests arrive. */
  readonly historical: Map<string, number>;
  readonly relativesPaid: Map<string, number>;
  readonly timed: Timed[];
  next: number;
  duplicates: number;
}

function send(
  s: Sender,
  at: number,
  payer: Person,
  insured: Person,
  relationship: string,
  payment: Payment,
  realName: RealName | null,
): void {
  const event: EnrollInput = {
    type: 'enroll',
    id: `e-${s.product.year}-${String(++s.next).padStart(6, '0')}`,
    at: s.utc ? isoUtc(at) : isoShanghai(at),
    productId: s.product.id,
    payerId: payer.id,
    insuredId: insured.id,
    relationship,
    payment,
    ...(realName ? { realName } : {}),
  };
  s.timed.push({ at, event });
  if (s.rng.chance(s.mix.duplicateShare)) {
    // The client retried: the same request (same id) delivered again a little later.
    const again = at + s.rng.int(1, 300) * 1000;
    s.duplicates++;
    s.timed.push({ at: again, event: { ...event, at: s.utc ? isoUtc(again) : isoShanghai(again) } });
  }
}

/** Who pays cash for someone: adults for themselves, the head for minors. */
function cashPayer(insured: Person, household: Household): { payer: Person; relationship: Relationship } {
  const head = household.people[0]!;
  if (insured.age >= 18 || insured.id === head.id) return { payer: insured, relationship: 'self' };
  return { payer: head, relationship: relationshipOf(head, insured) ?? 'child' };
}

/**
 * One family's requests from `start`: the payer's own first, then the relatives,
 * a minute or two apart.
 */
function familyRequests(
  s: Sender,
  city: City,
  household: Household,
  insured: readonly Person[],
  payer: Person | undefined,
  byAccount: boolean,
  start: number,
  spoilFirst: boolean,
): void {
  const rng = s.rng;
  const closesAt = s.product.window.closesAt;
  let at = start;
  let spoil = spoilFirst;
  const ordered = payer ? [...insured.filter((p) => p.id === payer.id), ...insured.filter((p) => p.id !== payer.id)] : insured;
  for (const person of ordered) {
    const relationship = payer ? relationshipOf(payer, person) : null;
    const wouldCount = (p: Person) => p.status === 'active' && p.region === city.home.code && at <= closesAt;
    let paidCash = !byAccount || !payer;
    if (byAccount && payer) {
      const allowed = allowedForAccount(relationship) && (relationship === 'self' || (s.relativesPaid.get(payer.id) ?? 0) < MAX_RELATIVES);
      if (!allowed) {
        // Most families know grandparents and siblings are not covered by the account;
        // a quarter try anyway and are refused, then pay cash.
        if (rng.chance(0.25)) {
          send(s, at, payer, person, relationship ?? 'parentInLaw', 'personalAccount', realNameOf(payer));
          at += rng.int(30, 180) * 1000;
        }
        paidCash = true;
      } else {
        if (spoil) {
          send(s, at, payer, person, relationship!, 'personalAccount', spoiled(rng, payer, household));
          at += rng.int(1, 10) * MINUTE_MS;
          spoil = false;
        }
        send(s, at, payer, person, relationship!, 'personalAccount', realNameOf(payer));
        const balance = s.historical.get(payer.id) ?? 0;
        if (wouldCount(person) && wouldCount(payer) && balance >= s.product.premiumFen) {
          s.historical.set(payer.id, balance - s.product.premiumFen);
          if (relationship !== 'self') s.relativesPaid.set(payer.id, (s.relativesPaid.get(payer.id) ?? 0) + 1);
        } else if (wouldCount(person) && balance < s.product.premiumFen && rng.chance(0.7)) {
          // Refused for the balance: most pay the same person in cash a few minutes later.
          at += rng.int(1, 5) * MINUTE_MS;
          paidCash = true;
        }
      }
    }
    if (paidCash) {
      const cash = cashPayer(person, household);
      send(s, at, cash.payer, person, cash.relationship, 'cash', null);
    }
    at += rng.int(30, 180) * 1000;
  }
}

interface HouseholdPlan {
  readonly household: Household;
  readonly payer: Person | undefined;
  readonly byAccount: boolean;
  readonly kind: 'world' | 'rush' | 'none';
}

/**
 * Policies already in the world and the enroll requests for year Y (the rush in
 * Y−1) and Y+1 (December of Y, after the campaign).
 * @example buildEnrollment(population, city, DEFAULT_MIX, rng.fork('enrollment')).timed.length
 */
export function buildEnrollment(population: Population, city: City, mix: WorkloadMix, rng: Rng): Enrollment {
  const product = city.product;
  const { opensAt, closesAt } = product.window;
  const policies: PolicyInput[] = [];
  const historical = new Map<string, number>();
  for (const p of population.people) if (p.account) historical.set(p.id, p.account.historicalFen);
  const sender: Sender = { product, rng, mix, utc: false, historical, relativesPaid: new Map(), timed: [], next: 0, duplicates: 0 };
  const rushInstant = rushSchedule(opensAt, closesAt);

  // First who enrolls how, then the deliberate cases (at least one of each), then the requests.
  const plans: HouseholdPlan[] = population.households.map((household) => {
    const holder = holderOf(household, city);
    const payer = holder && holder.status === 'active' ? holder : undefined;
    const roll = rng.next();
    const kind = roll < mix.worldPolicyShare ? 'world' : roll < mix.worldPolicyShare + mix.rushShare ? 'rush' : 'none';
    return { household, payer, byAccount: payer !== undefined && rng.chance(mix.accountPaymentShare), kind };
  });
  const rush = plans.filter((p) => p.kind === 'rush');
  const oneMsLate = pickSome(rng, rush, mix.lateShare / 2, 1);
  const daysLate = pickSome(
    rng,
    rush.filter((p) => !oneMsLate.has(p)),
    mix.lateShare / 2,
    1,
  );
  const lastMs = pickSome(
    rng,
    rush.filter((p) => !oneMsLate.has(p) && !daysLate.has(p)),
    0.004,
    1,
  );
  const spoilt = pickSome(
    rng,
    rush.filter((p) => p.byAccount),
    mix.badRealNameShare,
    1,
  );
  const forgetful = pickSome(
    rng,
    plans.filter((p) => p.kind === 'world'),
    0.04,
    1,
  );
  const insuredHouseholds: HouseholdPlan[] = [];

  for (const plan of plans) {
    const { household, payer, byAccount } = plan;
    const candidates = household.people.filter((p) => p.region !== city.away.code);
    if (plan.kind === 'world') {
      // Enrolled through an earlier channel: the policies are in the world, balances already debited.
      let relatives = 0;
      const insured = candidates.filter((p) => p.status === 'active' && p.region === city.home.code && rng.chance(0.92));
      for (const person of insured) {
        const relationship = payer ? relationshipOf(payer, person) : null;
        const account = byAccount && payer && allowedForAccount(relationship) && (relationship === 'self' || relatives < MAX_RELATIVES);
        if (account && relationship !== 'self') relatives++;
        const cash = cashPayer(person, household);
        policies.push({
          id: `pol-${product.year}-${person.id}`,
          productId: product.id,
          insuredId: person.id,
          payerId: account ? payer!.id : cash.payer.id,
          relationship: account ? relationship! : cash.relationship,
          payment: account ? 'personalAccount' : 'cash',
        });
      }
      if (insured.length === 0) continue;
      insuredHouseholds.push(plan);
      if (forgetful.has(plan)) {
        // Refused on purpose: someone forgot they were already enrolled.
        const person = rng.pick(insured);
        const cash = cashPayer(person, household);
        send(sender, rushInstant(rng), cash.payer, person, cash.relationship, 'cash', null);
      }
    } else if (plan.kind === 'rush') {
      const insured = candidates.filter(() => rng.chance(0.92));
      if (insured.length === 0 && candidates.length > 0) insured.push(candidates[0]!);
      if (insured.length === 0) continue;
      sender.utc = oneMsLate.has(plan);
      const start = oneMsLate.has(plan)
        ? closesAt + 1 // logged by a server in UTC: …-12-31T16:00:00.000Z, one millisecond late
        : daysLate.has(plan)
          ? closesAt + 1 + rng.int(0, 2) * DAY_MS + rng.int(8, 20) * 3_600_000 + rng.int(0, 3_599_999)
          : lastMs.has(plan)
            ? closesAt // the very last millisecond: accepted; the rest of the family is not
            : rushInstant(rng);
      familyRequests(sender, city, household, insured, payer, byAccount, start, spoilt.has(plan));
      insuredHouseholds.push(plan);
    }
  }
  sender.utc = false;

  // December of the service year: families the campaign only reminded enroll for Y+1 by hand.
  const next = city.nextProduct;
  const nextSender: Sender = {
    product: next,
    rng,
    mix,
    utc: false,
    historical: new Map(historical),
    relativesPaid: new Map(),
    timed: [],
    next: 0,
    duplicates: 0,
  };
  const manualInstant = rushSchedule(startOfDay(campaignAt(city)) + DAY_MS, next.window.closesAt);
  for (const { household, payer } of insuredHouseholds) {
    if (payer?.autoRenew || !rng.chance(mix.manualRenewalShare)) continue;
    const insured = household.people.filter((p) => p.status === 'active' && p.region === city.home.code && rng.chance(0.9));
    if (insured.length === 0) continue;
    const byAccount = payer !== undefined && rng.chance(mix.accountPaymentShare);
    familyRequests(nextSender, city, household, insured, payer, byAccount, manualInstant(rng), false);
  }
  for (const s of [sender, nextSender]) {
    if (s.duplicates > 0 || s.timed.length === 0) continue;
    // At least one retry delivered twice per product.
    const original = rng.pick(s.timed);
    const again = original.at + rng.int(1, 300) * 1000;
    s.timed.push({ at: again, event: { ...original.event, at: original.event.at.endsWith('Z') ? isoUtc(again) : isoShanghai(again) } });
  }
  return { policies, timed: [...sender.timed, ...nextSender.timed] };
}
