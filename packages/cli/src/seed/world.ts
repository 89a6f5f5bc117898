/**
 * Loading a scenario's world into a deployment's tables (`npm run seed`): the
 * catalog (regions, plans and supplementary products, providers) published as the
 * next version, the members sealed with the deployment's digest key, their state
 * items and policies, the service principals registered, and the national
 * gateway's codes if the deployment has none yet — all through the store the
 * handlers use (`Store.seed`, `writeConfig`), so the tables hold exactly what the
 * local stack's seeding writes. Its events are not applied: they are sent to the
 * API.
 *
 * Members already in the tables (their profiles) are refused before anything is
 * written: their state items carry balances and versions a second seed would reset.
 */
import { ContractError, parseJsonText, parseScenario, type ScenarioInput } from '@medins/contract';
import { type Digester, MedinsError, type MemberId } from '@medins/engine';
import { type Principal, servicePrincipalOf } from '@medins/functions/api/principals';
import { HSA_CONFIG_KEY, NATIONAL_DEFAULTS } from '@medins/functions/hsa/config';
import type { Store } from '@medins/store';
import { registerPrincipals } from '../api/demo.ts';

/** What seeding needs of the store: the store itself on a deployment's tables. */
export type SeedStore = Pick<Store, 'seed' | 'member' | 'readConfig' | 'writeConfig'>;

/** The world's members (some of them) are in the tables already: nothing was written. */
export class AlreadySeededError extends MedinsError {
  override readonly name = 'AlreadySeededError';
  readonly code = 'ALREADY_SEEDED';
}

/** An IAM role or user ARN, in any partition (a role session is looked up as its role: identity.ts). */
const IAM_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]{1,512}$/u;

/**
 * The service principals of a principals document: a JSON array of
 * `{id: <IAM role ARN>, role: operations | insurer (regions) | provider (providerIds)}`.
 * A bad entry is a ContractError naming it and the rule.
 *
 * @example
 * parsePrincipals('[{"id":"arn:aws-cn:iam::111122223333:role/hospital-a","role":"provider","providerIds":["H1"]}]', 'principals.json');
 */
export function parsePrincipals(text: string, source: string): Principal[] {
  const json = parseJsonText(text, source);
  const refuse = (path: string, message: string): never => {
    throw new ContractError(`invalid ${source}: ${path}: ${message}`, [{ path, message }]);
  };
  if (!Array.isArray(json)) return refuse('(document)', 'must be a JSON array of principals');
  return json.map((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return refuse(`[${i}]`, 'must be an object');
    const doc = entry as Record<string, unknown>;
    if (typeof doc.id !== 'string' || !IAM_ARN.test(doc.id)) {
      return refuse(`[${i}].id`, 'must be an IAM role or user ARN (arn:aws-cn:iam::ACCOUNT:role/NAME)');
    }
    const principal = servicePrincipalOf(doc.id, doc);
    if (!principal) {
      return refuse(`[${i}].role`, 'must be operations, insurer with regions (string array) or provider with providerIds (string array)');
    }
    return principal;
  });
}

export interface SeedReport {
  readonly regions: number;
  readonly plans: number;
  readonly providers: number;
  readonly members: number;
  readonly policies: number;
  readonly principals: number;
  /** Whether the national gateway's codes were written (false: the deployment had its own). */
  readonly hsaConfig: boolean;
  /** The scenario's events, not applied. */
  readonly eventsNotApplied: number;
}

/** Members checked for existence at once. */
const CHECK_CONCURRENCY = 16;

async function existingMembers(store: SeedStore, ids: readonly MemberId[]): Promise<MemberId[]> {
  const found: MemberId[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CHECK_CONCURRENCY, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        if ((await store.member(id)) !== null) found.push(id);
      }
    }),
  );
  return found.sort();
}

/**
 * Seeds a scenario document's world (validated and sealed with `digest`, the
 * deployment's key) and registers `principals`. Throws a ContractError for an
 * invalid document, AlreadySeededError when a member is in the tables already;
 * either way before anything is written.
 */
export async function seedDeployment(
  store: SeedStore,
  json: unknown,
  principals: readonly Principal[],
  digest: Digester,
): Promise<SeedReport> {
  const scenario = parseScenario(json, digest);
  const doc = json as ScenarioInput;
  const { world } = scenario;
  const present = await existingMembers(
    store,
    world.members.map((m) => m.id),
  );
  if (present.length > 0) {
    const shown = present.slice(0, 5).join(', ') + (present.length > 5 ? `, and ${present.length - 5} more` : '');
    throw new AlreadySeededError(
      `members: ${present.length} of the world's members are in the tables already (${shown}): seeding again would reset their balances; nothing was written`,
      { entity: 'members' },
    );
  }
  const { regions = [], plans, providers } = doc;
  await store.seed({ regions, plans, providers }, world);
  await registerPrincipals(store, principals);
  const hsaConfig = (await store.readConfig(HSA_CONFIG_KEY)) === null;
  // The national gateway's common codes, unless the deployment published its region's own.
  if (hsaConfig) await store.writeConfig(HSA_CONFIG_KEY, NATIONAL_DEFAULTS);
  return {
    regions: regions.length,
    plans: plans.length,
    providers: providers.length,
    members: world.members.length,
    policies: world.policies.length,
    principals: principals.length,
    hsaConfig,
    eventsNotApplied: scenario.events.length,
  };
}
