/**
 * `npm run seed -- FILE (--stage STAGE [--region R] | --data-dir DIR) [--principals FILE]`:
 * loads a scenario document's world — catalog (regions, plans, products,
 * providers), members sealed with the deployment's digest key, their accounts and
 * policies — and a principals document into a deployment's tables, through the
 * store the handlers use (seed/world.ts). `--stage` finds the deployed stack
 * `Medins-<stage>` by its outputs (seed/targets.ts); `--data-dir` writes the
 * embedded stack's tables kept in DIR. Exit 0 when written; 2 for bad arguments,
 * an unreadable or invalid document, or members already seeded (nothing written);
 * 1 when the deployment cannot be reached.
 */
import { readFileSync } from 'node:fs';
import { ContractError, parseJsonText, parseScenario } from '@medins/contract';
import { stackNameOf } from '@medins/infra/outputs';
import { defineCommand, oneOf, type Parsed, runAsMain, text, UsageError } from './args.ts';
import { describeContractError } from './scenario.ts';
import { awsTarget, localTarget, type SeedTarget } from './seed/targets.ts';
import { AlreadySeededError, parsePrincipals, type SeedReport, seedDeployment } from './seed/world.ts';

const DEFAULT_REGION = 'cn-northwest-1';

export const seedCommand = defineCommand({
  name: 'npm run seed --',
  synopsis: 'FILE (--stage STAGE [--region R] [--stack NAME] | --data-dir DIR) [--principals FILE]',
  summary:
    "Loads a scenario document's world (catalog, members sealed with the deployment's digest key, accounts, policies) and the " +
    'service principals into a deployment’s tables, through the store the handlers use. Its events are not applied.',
  operands: [{ name: 'FILE', help: 'a scenario document (docs/scenario.schema.json); its events are ignored' }],
  options: {
    stage: {
      type: 'string',
      value: 'STAGE',
      help: 'the deployed stack Medins-STAGE (its outputs name the tables and the key)',
      parse: oneOf(['dev', 'prod']),
    },
    region: { type: 'string', value: 'R', help: `the stack's region (default AWS_REGION, else ${DEFAULT_REGION})`, parse: text },
    stack: { type: 'string', value: 'NAME', help: 'the stack name, if not Medins-STAGE', parse: text },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help: "or the embedded stack's tables kept in DIR (npm start -- --data-dir DIR)",
      parse: text,
    },
    principals: {
      type: 'string',
      value: 'FILE',
      help: 'a JSON array of {id: IAM role ARN, role: operations | insurer (regions) | provider (providerIds)}',
      parse: text,
    },
  },
  details: `On AWS the caller needs cloudformation:DescribeStacks, secretsmanager:GetSecretValue on the
digest key's secret, kms:Decrypt on the stack key and write access to the tables. Members
already in the tables are refused (seeding again would reset their balances): nothing is
written. The catalog is published as a new version on top of the one in force.`,
});

function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`, { entity: flag, cause: e });
  }
}

/** The report printed once written. */
export function seedSummary(report: SeedReport, where: string): string {
  return [
    `Seeded ${where}:`,
    `  catalog: ${report.regions} regions, ${report.plans} plans and products, ${report.providers} providers (a new catalog version)`,
    `  ${report.members} members (sealed), ${report.policies} policies, ${report.principals} principals`,
    report.hsaConfig ? '  the national gateway’s common codes (hsa|config)' : '  hsa|config: kept the deployment’s own',
    ...(report.eventsNotApplied > 0 ? [`  its ${report.eventsNotApplied} events were not applied: send them to the API`] : []),
    '',
  ].join('\n');
}

/** Where to write, from the options: exactly one of --stage and --data-dir. */
export type TargetOf = (parsed: Parsed<typeof seedCommand.spec.options>) => Promise<SeedTarget>;

const defaultTarget: TargetOf = ({ values }) =>
  values['data-dir'] !== undefined
    ? localTarget(values['data-dir'])
    : awsTarget({
        stackName: values.stack ?? stackNameOf(values.stage ?? 'dev'),
        region: values.region ?? process.env.AWS_REGION ?? DEFAULT_REGION,
      });

/**
 * The command: validates everything before it reaches the deployment, seeds,
 * prints the report. `targetOf` builds where it writes (tests hand their own).
 */
export async function runSeed(
  parsed: Parsed<typeof seedCommand.spec.options>,
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } } = process,
  targetOf: TargetOf = defaultTarget,
): Promise<number> {
  const { values } = parsed;
  const local = values['data-dir'] !== undefined;
  const aws = values.stage !== undefined || values.stack !== undefined || values.region !== undefined;
  if (local === aws) {
    throw new UsageError('give --stage (a deployed stack) or --data-dir (the embedded stack’s tables), not both and not neither', {
      entity: '--stage',
    });
  }
  const [file] = parsed.operands as [string];
  let json: unknown;
  let principals: ReturnType<typeof parsePrincipals> = [];
  try {
    json = parseJsonText(readText(file, 'FILE'), file);
    parseScenario(json); // the whole document checked before anything reaches the deployment
    if (values.principals !== undefined) principals = parsePrincipals(readText(values.principals, '--principals'), values.principals);
  } catch (e) {
    if (e instanceof ContractError) {
      io.stderr.write(describeContractError(e));
      return 2;
    }
    throw e;
  }
  const target = await targetOf(parsed);
  try {
    const report = await seedDeployment(target.store, json, principals, target.digest);
    io.stdout.write(seedSummary(report, target.where));
    return 0;
  } catch (e) {
    if (e instanceof ContractError) {
      io.stderr.write(describeContractError(e));
      return 2;
    }
    if (e instanceof AlreadySeededError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await target.close();
  }
}

if (import.meta.main) runAsMain(seedCommand, (parsed) => runSeed(parsed));
