/**
 * Who falls ill (generator → patients): each insured person gets a medical
 * profile — a chronic condition more likely with age, a serious illness for
 * some, a special drug for some cancer patients — and weights that make the
 * elderly, infants and the chronically ill visit more often. Relatives living on
 * a nearly empty family account visit a little more, so the holder's balance
 * runs down to the reserve during the year.
 */
import type { City } from './city.ts';
import { LISTED_SPECIAL_DRUGS, UNLISTED_SPECIAL_DRUGS } from './city.ts';
import type { Person, Population } from './households.ts';
import { amountFen, type Condition } from './lines.ts';
import { type Rng, type WeightedTable, weightedTable } from './prng.ts';
import type { VisitType } from './types.ts';

export interface Patient {
  readonly person: Person;
  readonly condition: Condition | null;
  readonly severe: boolean;
  /** The special drug a patient buys at pharmacies (code and price of a pack), if any. */
  readonly specialDrug: { readonly code: string; readonly packFen: number } | null;
}

export interface PatientPools {
  readonly byVisitType: Readonly<Record<VisitType, WeightedTable<Patient> | undefined>>;
  readonly specialDrug: WeightedTable<Patient> | undefined;
  /** Members of a region without a basic plan here (the NO_BASIC_PLAN cases). */
  readonly uncovered: readonly Person[];
}

const CONDITIONS: readonly (readonly [Condition, number])[] = [
  ['hypertension', 0.4],
  ['diabetes', 0.3],
  ['copd', 0.1],
  ['mental', 0.07],
  ['cancer', 0.09],
  ['dialysis', 0.04],
];

function chronicShare(age: number): number {
  return age >= 60 ? 0.35 : age >= 45 ? 0.15 : age >= 18 ? 0.03 : 0.005;
}

function baseWeight(age: number): number {
  return age < 3 ? 1.6 : age < 13 ? 1 : age < 18 ? 0.6 : age < 40 ? 0.7 : age < 60 ? 1 : age < 75 ? 1.8 : 2.4;
}

function inpatientWeight(p: Patient): number {
  const age = p.person.age;
  let w = age < 3 ? 1.2 : age < 18 ? 0.3 : age < 40 ? 0.5 : age < 60 ? 1 : age < 75 ? 2.5 : 4;
  if (p.person.sex === 'F' && age >= 22 && age <= 38) w += 1; // deliveries
  const factor = p.condition === 'cancer' ? 5 : p.condition === 'dialysis' ? 2 : p.condition ? 1.5 : p.severe ? 3 : 1;
  return w * factor;
}

function profile(rng: Rng, person: Person): Patient {
  const condition = rng.chance(chronicShare(person.age)) ? rng.weighted(CONDITIONS) : null;
  const severe = condition === 'cancer' || rng.chance(0.01);
  let specialDrug: Patient['specialDrug'] = null;
  if (condition === 'cancer' && rng.chance(0.55)) {
    const code = rng.chance(0.85) ? rng.pick(LISTED_SPECIAL_DRUGS) : rng.pick(UNLISTED_SPECIAL_DRUGS);
    specialDrug = { code, packFen: amountFen(rng, 9_000, 0.6, 3_000, 25_000) };
  }
  return { person, condition, severe, specialDrug };
}

/**
 * Weighted draws of patients per visit type and for special-drug purchases.
 * @example buildPatientPools(population, city, aid.holderOf, rng).byVisitType.inpatient?.draw(rng)
 */
export function buildPatientPools(population: Population, city: City, holderOf: ReadonlyMap<string, string>, rng: Rng): PatientPools {
  const covered = new Set([city.home.code, city.neighbour.code]);
  const patients = population.people.filter((p) => covered.has(p.region)).map((p) => profile(rng, p));
  const stretched = (p: Person): boolean => {
    const holder = population.byId.get(holderOf.get(p.id) ?? '');
    return holder?.account ? holder.account.currentFen + holder.account.historicalFen < 100_000 : false;
  };
  const weight = (p: Patient): number => (p.person.status === 'active' ? 1 : 0.4) * (stretched(p.person) ? 2.5 : 1);
  return {
    byVisitType: {
      outpatient: weightedTable(patients, (p) => weight(p) * baseWeight(p.person.age) * (p.person.scheme === 'employee' ? 1.6 : 0.6)),
      pharmacy: weightedTable(patients, (p) => weight(p) * baseWeight(p.person.age)),
      specialOutpatient: weightedTable(patients, (p) =>
        p.condition ? weight(p) * (p.condition === 'dialysis' ? 3 : p.condition === 'cancer' ? 2 : 1) : 0,
      ),
      inpatient: weightedTable(patients, (p) => weight(p) * inpatientWeight(p)),
    },
    specialDrug: weightedTable(patients, (p) => (p.specialDrug ? weight(p) : 0)),
    uncovered: population.people.filter((p) => !covered.has(p.region)),
  };
}
