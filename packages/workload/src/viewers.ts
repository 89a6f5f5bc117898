/**
 * Family viewer bindings (generator → viewers, 亲情账户): parents add their
 * children (under 16: bound directly), their own parents and spouse (16 or more:
 * face verification, sometimes forgotten and retried), newborns by birth
 * certificate; with a few typed-wrong ID numbers, a child bound on the 16th
 * birthday without a face check, and bindings repeated by accident.
 */

import type { City } from './city.ts';
import { ageOn, DAY_MS, dateOf, isoShanghai, MINUTE_MS, shanghai, startOfDate } from './clock.ts';
import { type Household, type Person, type Population, relationshipOf } from './households.ts';
import type { WorkloadMix } from './mix.ts';
import { withWrongCheckDigit } from './people.ts';
import { pickSome, type Rng } from './prng.ts';
import type { BindViewerInput, Timed } from './types.ts';

const FACE_AGE = 16;

/** The day a person turns 16 in `year` (Feb 29 births: Mar 1 in a common year). */
function sixteenthBirthday(p: Person, year: number): string {
  const [, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, m - 1, d)).toISOString().slice(0, 10);
}

function ownerOf(household: Household): Person | undefined {
  return household.people.find((p) => (p.role === 'head' || p.role === 'spouse') && p.status === 'active' && p.idNumber !== null);
}

/**
 * The year's viewer-binding requests, spread over the service year.
 * @example buildViewerBindings(population, city, DEFAULT_MIX, rng.fork('viewers'))
 */
export function buildViewerBindings(population: Population, city: City, mix: WorkloadMix, rng: Rng): Timed[] {
  const year = city.year;
  const timed: Timed[] = [];
  let n = 0;
  const push = (
    at: number,
    owner: Person,
    member: Person,
    relationship: string,
    proof: BindViewerInput['proof'],
    faceVerified: boolean | null,
  ) => {
    const event: BindViewerInput = {
      type: 'bindViewer',
      id: `v-${String(++n).padStart(6, '0')}`,
      at: isoShanghai(at),
      ownerId: owner.id,
      memberId: member.id,
      relationship,
      proof,
      ...(faceVerified === null ? {} : { faceVerified }),
    };
    timed.push({ at, event });
  };
  const dayTime = (date: string) => startOfDate(date) + rng.int(8 * 60, 22 * 60) * MINUTE_MS + rng.int(0, 59) * 1000;

  const families = population.households.filter((h) => h.people.length >= 2 && ownerOf(h) !== undefined);
  const withNewborn = families.filter((h) => h.people.some((p) => p.idNumber === null));
  // Parents of a newborn are the likeliest to bind: at least one such family.
  const binding = new Set([
    ...pickSome(rng, families, mix.viewerShare, 1),
    ...pickSome(rng, withNewborn, Math.min(1, mix.viewerShare * 2), 1),
  ]);
  for (const household of families) {
    if (!binding.has(household)) continue;
    const owner = ownerOf(household)!;
    const relatives = household.people.filter((p) => p.id !== owner.id && p.region !== city.away.code && relationshipOf(owner, p) !== null);
    const newborns = relatives.filter((p) => p.idNumber === null);
    const chosen = [
      ...newborns,
      ...rng.shuffled(relatives.filter((p) => p.idNumber !== null)).slice(0, rng.int(1, 3) - Math.min(1, newborns.length)),
    ];
    const mother = household.people.find((p) => (p.role === 'head' || p.role === 'spouse') && p.sex === 'F' && p.idNumber !== null);
    for (const relative of chosen) {
      const relationship = relationshipOf(owner, relative)!;
      const earliest = Math.max(shanghai(year, 1, 2), relative.idNumber ? 0 : startOfDate(relative.birthDate) + 7 * DAY_MS);
      const latest = shanghai(year, 12, 30);
      let at = dayTime(dateOf(earliest + Math.floor(rng.next() * Math.max(0, latest - earliest))));

      if (!relative.idNumber) {
        const m = mother ?? owner;
        push(
          at,
          owner,
          relative,
          relationship,
          { kind: 'birthCertificate', certificateNo: relative.birthCertificateNo ?? '', motherName: m.name, motherIdNumber: m.idNumber! },
          null,
        );
        continue;
      }
      const proof = { kind: 'idNumber' as const, name: relative.name, idNumber: relative.idNumber };
      if (relative.age === FACE_AGE - 1 && rng.chance(0.5)) {
        // Bound on the 16th birthday itself, without a face check: refused, then verified.
        at = dayTime(sixteenthBirthday(relative, year));
        push(at, owner, relative, relationship, proof, false);
        push(at + rng.int(2, 30) * MINUTE_MS, owner, relative, relationship, proof, true);
        continue;
      }
      if (rng.chance(0.03)) {
        // A slip in the last character: the check digit fails; typed again.
        push(at, owner, relative, relationship, { ...proof, idNumber: withWrongCheckDigit(proof.idNumber) }, null);
        at += rng.int(1, 5) * MINUTE_MS;
      }
      const adult = ageOn(relative.birthDate, dateOf(at)) >= FACE_AGE;
      if (adult && rng.chance(0.15)) {
        push(at, owner, relative, relationship, proof, false);
        at += rng.int(1, 5) * MINUTE_MS;
      }
      push(at, owner, relative, relationship, proof, adult ? true : null);
      if (rng.chance(0.02))
        push(
          Math.max(at + MINUTE_MS, Math.min(shanghai(year, 12, 31, 22), at + rng.int(1, 60) * DAY_MS)),
          owner,
          relative,
          relationship,
          proof,
          adult ? true : null,
        );
    }
  }
  return timed;
}
