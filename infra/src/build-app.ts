/**
 * infra: building the CDK app in-process. `app.ts` (the `cdk` CLI), the tests and
 * the local stack all come through here, so they synthesize the same stack with
 * the same feature flags (cdk.json's context).
 */
import { App, Tags } from 'aws-cdk-lib';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, repositoryContext } from './config/context.ts';
import { stackNameOf } from './config/outputs.ts';
import { type Stage, type StageSettings, stageSettings } from './config/stage.ts';
import { ContextValueError } from './errors.ts';
import { applyNagPacks } from './nag/nag-packs.ts';
import { SettlementStack } from './settlement-stack.ts';
import type { CfnTemplate } from './template/types.ts';

export interface BuildAppOptions {
  /** dev | prod; default: context `stage`, else dev. */
  readonly stage?: Stage;
  /**
   * false: no esbuild at synthesis (context `aws:cdk:bundling-stacks` = []), the
   * template is the same but assets are not built. Default: bundle, as `cdk` does.
   */
  readonly bundle?: boolean;
  /** Run the cdk-nag packs (default true; false by default in `synthesizeTemplate`). */
  readonly nag?: boolean;
  /** Extra context, as `-c key=value` would give (account, region, renewal product ids, alarmEmail, memberIssuer, memberAudience). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Cloud assembly directory; default: a temporary directory (or the CLI's). */
  readonly outdir?: string;
}

export interface BuiltApp {
  readonly app: App;
  readonly stack: SettlementStack;
}

const contextString = (app: App, key: string, fallback: string): string => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? fallback : String(value);
};

/**
 * The members' identity provider is the deployer's: `-c memberIssuer=https://…`
 * and `-c memberAudience=a,b` over the stage's defaults. API Gateway's JWT
 * authorizer takes only an https issuer and at least one audience; anything else
 * is refused here, at synthesis, rather than by CloudFormation mid-deploy.
 */
function memberAuthOf(app: App, defaults: StageSettings['memberAuth']): StageSettings['memberAuth'] {
  const issuer = contextString(app, 'memberIssuer', defaults.issuer);
  const audience = contextString(app, 'memberAudience', defaults.audience.join(','))
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (!URL.canParse(issuer) || new URL(issuer).protocol !== 'https:')
    throw new ContextValueError(`memberIssuer must be an https URL, got "${issuer}"`, { entity: 'memberIssuer' });
  if (audience.length === 0) throw new ContextValueError('memberAudience must name at least one audience', { entity: 'memberAudience' });
  return { issuer, audience };
}

/**
 * The app with its one stack, `Medins-<stage>`.
 *
 * @example
 * const { app, stack } = buildApp({ stage: 'prod', bundle: false });
 * app.synth();
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const context: Record<string, unknown> = { ...repositoryContext(), ...options.context };
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ context, ...(options.outdir ? { outdir: options.outdir } : {}) });

  const stageDefaults = stageSettings(options.stage ?? contextString(app, 'stage', 'dev'));
  const settings: StageSettings = { ...stageDefaults, memberAuth: memberAuthOf(app, stageDefaults.memberAuth) };
  const account = contextString(app, 'account', DEFAULT_ACCOUNT);
  const region = contextString(app, 'region', DEFAULT_REGION);
  const alarmEmail = contextString(app, 'alarmEmail', '');

  const stack = new SettlementStack(app, stackNameOf(settings.stage), {
    env: { account, region },
    description: `medins settlement platform (${settings.stage}): claims, member events, renewal campaigns`,
    terminationProtection: settings.terminationProtection,
    settings,
    renewal: {
      fromProductId: contextString(app, 'renewalFromProductId', 'huiqubao-2021'),
      toProductId: contextString(app, 'renewalToProductId', 'huiqubao-2022'),
    },
    ...(alarmEmail ? { alarmEmail } : {}),
  });
  Tags.of(stack).add('project', 'medins');
  Tags.of(stack).add('stage', settings.stage);
  // Personal health and financial data: tag for data-classification policies.
  Tags.of(stack).add('data-classification', 'personal-health');

  if (options.nag ?? true) applyNagPacks(app);
  return { app, stack };
}

/**
 * The synthesized CloudFormation template of the stack, as JSON. Fast by default
 * — no bundling, no nag packs — which is what the local stack and most tests
 * need; pass `bundle: true` / `nag: true` for the full synthesis.
 *
 * @example
 * const template = synthesizeTemplate({ stage: 'dev' });
 * Object.keys(template.Resources).length;
 */
export function synthesizeTemplate(options: BuildAppOptions = {}): CfnTemplate {
  const { app, stack } = buildApp({ bundle: false, nag: false, ...options });
  return app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
}
