/**
 * The local API's demo: a world to try it on (a scenario document's world, or a
 * generated city), one registered principal per role, and ready-to-paste curl
 * commands. Only the world is seeded: the document's events are left for the
 * caller to send.
 */
import { parseJsonText, parseScenario, type Scenario, type ScenarioInput } from '@medins/contract';
import { type Principal, principalDoc } from '@medins/functions/api/principals';
import { HSA_CONFIG_KEY, NATIONAL_DEFAULTS } from '@medins/functions/hsa/config';
import type { Store } from '@medins/store';
import { generateWorkload } from '@medins/workload';
import { UsageError } from '../args.ts';
import { LOCAL_ACCOUNT_ID, PRINCIPAL_HEADER } from './gateway.ts';

/** The e-voucher header (the function's own constant, without importing the handler module here). */
const CREDENTIAL_HEADER = 'x-medins-credential';

type MemberInput = ScenarioInput['members'][number];
type ProviderInput = ScenarioInput['providers'][number];

export interface DemoWorld {
  /** Where it came from, for the banner. */
  readonly source: string;
  /** The document as given (catalog documents are stored as the contract's JSON). */
  readonly doc: ScenarioInput;
  readonly scenario: Scenario;
}

export interface DemoPrincipal {
  /** The ARN to send in the principal header. */
  readonly arn: string;
  readonly principal: Principal;
  /** One line: what this caller may do. */
  readonly scope: string;
}

export interface DemoSample {
  readonly memberId: string;
  readonly providerId: string;
  /** A service year the member's basic plan covers. */
  readonly year: number;
}

export function demoFromScenarioText(text: string, source: string): DemoWorld {
  const json = parseJsonText(text, 'scenario');
  return { source, doc: json as ScenarioInput, scenario: parseScenario(json) };
}

export function demoFromWorkload(options: { members: number; seed: number }): DemoWorld {
  const doc = generateWorkload({ members: options.members, claims: 0, seed: options.seed });
  return { source: `a generated city (${options.members} members, seed ${options.seed})`, doc, scenario: parseScenario(doc) };
}

const arn = (kind: 'user' | 'role', name: string) => `arn:aws:iam::${LOCAL_ACCOUNT_ID}:${kind}/${name}`;

/** The region most members live in (the insurer's and the sample's home). */
function homeRegion(doc: ScenarioInput): string {
  const counts = new Map<string, number>();
  for (const m of doc.members) counts.set(m.region, (counts.get(m.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? doc.providers[0]?.region ?? '000000';
}

/** A member, a hospital and a year that make a settled claim likely: an active employee with an account, a designated hospital. */
export function demoSample(doc: ScenarioInput): DemoSample {
  const home = homeRegion(doc);
  const plans = doc.plans.filter((p) => p.tier === 'basic');
  const insured = new Set((doc.policies ?? []).map((p) => p.insuredId));
  const covered = (m: MemberInput) => plans.some((p) => p.tier === 'basic' && p.scheme === m.scheme && p.region === m.region);
  const score = (m: MemberInput) =>
    (m.region === home ? 8 : 0) +
    (m.status === 'active' ? 4 : 0) +
    (m.personalAccount ? 2 : 0) +
    (insured.has(m.id) ? 1 : 0) +
    (covered(m) ? 16 : 0);
  const member = [...doc.members].sort((a, b) => score(b) - score(a))[0];
  if (!member) throw new UsageError('the world has no members to demonstrate the API with', { entity: 'members' });
  const pScore = (p: ProviderInput) =>
    (p.designated ? 8 : 0) + (p.region === member.region ? 4 : 0) + (p.type === 'hospital' ? 2 : 0) + (p.level ?? 0) / 10;
  const provider = [...doc.providers].sort((a, b) => pScore(b) - pScore(a))[0];
  if (!provider) throw new UsageError('the world has no providers to demonstrate the API with', { entity: 'providers' });
  const plan = plans.find((p) => p.tier === 'basic' && p.scheme === member.scheme && p.region === member.region) ?? doc.plans[0];
  return { memberId: member.id, providerId: provider.id, year: plan?.year ?? new Date().getFullYear() };
}

/**
 * One service principal per role: operations, an insurer for the home region, the
 * sample's hospital, a reviewer of the home region's held claims (`npm run review`);
 * members sign in with a token.
 */
export function demoPrincipals(doc: ScenarioInput, sample = demoSample(doc)): DemoPrincipal[] {
  const home = homeRegion(doc);
  const ops = arn('user', 'demo-operations');
  const insurer = arn('role', `demo-insurer-${home}`);
  const provider = arn('role', `demo-provider-${sample.providerId}`);
  const reviewer = arn('role', `demo-reviewer-${home}`);
  return [
    { arn: ops, principal: { id: ops, role: 'operations' }, scope: 'reads everything' },
    {
      arn: insurer,
      principal: { id: insurer, role: 'insurer', regions: [home] },
      scope: `reads the outcomes and balances of region ${home}`,
    },
    {
      arn: provider,
      principal: { id: provider, role: 'provider', providerIds: [sample.providerId] },
      scope: `claims, quotes and reversals of ${sample.providerId}`,
    },
    {
      arn: reviewer,
      principal: { id: reviewer, role: 'reviewer', regions: [home] },
      scope: `decides the held claims of region ${home} (npm run --silent review -- decide CLAIM_ID approve --principal ${reviewer})`,
    },
  ];
}

/** Registers principals in the catalog table, as operations tooling does. */
export async function registerPrincipals(store: Pick<Store, 'writeConfig'>, principals: readonly Principal[]): Promise<void> {
  for (const p of principals) {
    const { pk, doc } = principalDoc(p);
    await store.writeConfig(pk, doc);
  }
}

/** Seeds the world's catalog and state (not its events) and registers the principals. */
export async function seedDemo(store: Store, world: DemoWorld, principals: readonly Principal[]): Promise<void> {
  const { regions = [], plans, providers } = world.doc;
  await store.seed({ regions, plans, providers, review: world.doc.review }, world.scenario.world);
  await registerPrincipals(store, principals);
  // The national gateway's codes (POST /hsa): the common national ones; a deployment publishes its region's.
  await store.writeConfig(HSA_CONFIG_KEY, NATIONAL_DEFAULTS);
}

/** A claim for the sample: an inpatient stay with an A line and a B line. */
function sampleClaim(sample: DemoSample, id = 'demo-claim-1'): Record<string, unknown> {
  return {
    type: 'claim',
    id,
    memberId: sample.memberId,
    providerId: sample.providerId,
    visitType: 'inpatient',
    serviceDate: `${sample.year}-03-02`,
    lines: [
      { code: 'A-0001', category: 'A', amountFen: 1_200_000 },
      { code: 'B-0001', category: 'B', amountFen: 300_000, selfPayRatio: 0.1 },
    ],
  };
}

/** `'…'` for a POSIX shell. */
export const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * Ready-to-paste curl commands with fresh credentials: the hospital submits the
 * sample claim with the patient's e-voucher, reads its outcome; the member reads
 * their balances with their bearer token.
 */
export async function exampleCommands(
  url: string,
  sample: DemoSample,
  principals: readonly DemoPrincipal[],
  credential: (kind: 'voucher' | 'face' | 'member', memberId: string) => Promise<string>,
): Promise<string[]> {
  const as = (role: Principal['role']) => principals.find((p) => p.principal.role === role)!.arn;
  const claim = sampleClaim(sample);
  const header = (role: Principal['role']) => `-H ${shellQuote(`${PRINCIPAL_HEADER}: ${as(role)}`)}`;
  const voucher = `-H ${shellQuote(`${CREDENTIAL_HEADER}: ${await credential('voucher', sample.memberId)}`)}`;
  const bearer = `-H ${shellQuote(`authorization: Bearer ${await credential('member', sample.memberId)}`)}`;
  return [
    `curl -s -X POST ${url}/claims ${header('provider')} ${voucher} -H 'content-type: application/json' -d ${shellQuote(JSON.stringify(claim))}`,
    `curl -s ${url}/events/${encodeURIComponent(String(claim.id))} ${header('provider')}`,
    `curl -s ${url}/me/balances ${bearer}`,
  ];
}
