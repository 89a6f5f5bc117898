/**
 * The workload generator (caller → generateWorkload → modules): a seeded,
 * reproducible year of a city in the scenario contract's format. Each module
 * draws from its own stream forked from the seed, so the same options always
 * give the same document, byte for byte.
 */
import { CONTRACT_VERSION, type ScenarioInput } from '@medins/contract';
import { buildCity } from './city.ts';
import { buildClaims } from './claims.ts';
import { buildEnrollment } from './enrollment.ts';
import { WorkloadOptionError } from './errors.ts';
import { buildFamilyAid } from './family-aid.ts';
import { buildPopulation, memberDoc } from './households.ts';
import { mixOf, type WorkloadMix } from './mix.ts';
import { createRng } from './prng.ts';
import { renewalCampaign } from './renewal.ts';
import { CITY_REVIEW_RULES } from './reviewers.ts';
import { timeline } from './timeline.ts';
import { buildViewerBindings } from './viewers.ts';

export interface WorkloadOptions {
  /** How many members (参保人) the world holds, newborns and relatives elsewhere included. */
  readonly members: number;
  /** How many claims (distinct ids) the service year holds, re-bills included. */
  readonly claims: number;
  /** Any number; the same seed gives the same document. */
  readonly seed: number;
  /** The service year Y (default 2024): enrollment for Y runs in Y−1, the renewal for Y+1 in Y. */
  readonly year?: number;
  /** What a family-aid holder of the home city keeps untouched (default 0, as in 浙江). */
  readonly reserveFen?: number;
  /** Overrides of the proportions (see DEFAULT_MIX). */
  readonly mix?: Partial<WorkloadMix>;
  /**
   * Carry the city's review rules (CITY_REVIEW_RULES, 人工审核; default false). Flagged
   * claims are then held and pay nothing until a reviewer decides them, and the
   * decisions are not in the document (which claims are held is known only as they
   * run): whoever runs it brings the reviewers (`reviewerDecision`), as the main job
   * and the chaos run do. Without them a replay would leave every large bill unpaid.
   */
  readonly review?: boolean;
}

export const DEFAULT_YEAR = 2024;

function check(options: WorkloadOptions): void {
  const count = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new WorkloadOptionError(`${name} must be an integer ≥ ${min}, got ${v}`, { entity: name });
  };
  count('members', options.members, 1);
  count('claims', options.claims, 0);
  if (!Number.isFinite(options.seed))
    throw new WorkloadOptionError(`seed must be a finite number, got ${options.seed}`, { entity: 'seed' });
  if (options.year !== undefined) count('year', options.year, 1901);
  if (options.reserveFen !== undefined) count('reserveFen', options.reserveFen, 0);
}

/**
 * Generates a city's year: the world (regions, plans, providers, members, family
 * groups, policies) and a timeline of events sorted by `at`.
 * @example
 * const doc = generateWorkload({ members: 300, claims: 1500, seed: 7 });
 * const { world, events } = parseScenario(doc);
 * replay(world, events);
 */
export function generateWorkload(options: WorkloadOptions): ScenarioInput {
  check(options);
  const year = options.year ?? DEFAULT_YEAR;
  const mix = mixOf(options.mix);
  const rng = createRng(options.seed, 'workload');
  const city = buildCity({ year, reserveFen: options.reserveFen ?? 0 });
  const population = buildPopulation(options.members, city, mix, rng.fork('households'));
  const aid = buildFamilyAid(population, city, mix, rng.fork('family-aid'));
  const enrollment = buildEnrollment(population, city, mix, rng.fork('enrollment'));
  const viewers = buildViewerBindings(population, city, mix, rng.fork('viewers'));
  const claims = buildClaims(options.claims, population, aid.holderOf, city, mix, rng.fork('claims'));
  const events = timeline([enrollment.timed, aid.timed, viewers, claims, [renewalCampaign(city)]]);
  return {
    version: CONTRACT_VERSION,
    description: [
      `Generated workload: ${city.home.name} ${year}, seed ${options.seed}.`,
      `${options.members} members in ${population.households.length} households, ${options.claims} claims.`,
      `Enrollment for ${city.product.id} in the last weeks of ${year - 1}; renewal to ${city.nextProduct.id} in the autumn of ${year}.`,
      'Review rules: a 2 % sample, bills of ¥30,000 or more, special drugs and re-admissions within 15 days are held for a reviewer.',
    ],
    regions: city.regions,
    plans: city.plans,
    providers: city.providers,
    ...(options.review ? { review: CITY_REVIEW_RULES } : {}),
    members: population.people.map(memberDoc),
    familyGroups: aid.familyGroups,
    policies: enrollment.policies,
    events,
  };
}
