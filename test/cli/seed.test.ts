/**
 * `npm run seed`: a scenario's world and the principals land in real tables
 * (DynamoDB Local) through the store — the catalog in force, the members sealed
 * with the deployment's key and no clear name, ID number or phone anywhere, their
 * balances, the principals the API looks callers up by, the national gateway's
 * codes — and:
 * - the local target writes the embedded stack's tables kept in a data dir,
 *   sealed with that dir's key (`DIR/digest.key`);
 * - the AWS target finds the tables and the digest key's secret by the stack's
 *   outputs (CloudFormation and Secrets Manager answered here by fakes, the
 *   tables the same DynamoDB Local) and seals with the secret's key;
 * - a second seed of the same members is refused, naming them, and changes nothing;
 * - a bad document or principals file exits 2 naming the field, before any
 *   deployment is reached.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hmacDigester } from '@medins/contract';
import { type Embedded, startEmbedded } from '@medins/embedded';
import { type MemberId, sealIdNumber, sealName } from '@medins/engine';
import { principalDirectory } from '@medins/functions/api/principals';
import { HSA_CONFIG_KEY } from '@medins/functions/hsa/config';
import { STACK_OUTPUTS, tableOutputKey } from '@medins/infra/outputs';
import { LOCAL_CREDENTIALS } from '@medins/local-stack';
import { TABLE_ROLES } from '@medins/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../packages/cli/src/args.ts';
import { awsTarget, deploymentOf, stackOutputs } from '../../packages/cli/src/seed/targets.ts';
import { runSeed, seedCommand, type TargetOf } from '../../packages/cli/src/seed.ts';
import { PEOPLE, snapshotTables, TWO_CITIES } from '../api/support/state.ts';
import { clearValuesOf, leaksIn, tableTexts } from '../support/personal-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'medins-seed-'));
const dataDir = join(dir, 'data');
const world = join(dir, 'world.json');
const principalsFile = join(dir, 'principals.json');
const HOSPITAL = 'arn:aws-cn:iam::111122223333:role/hospital-quzhou';
const INSURER = 'arn:aws-cn:iam::111122223333:role/insurer-quzhou';
writeFileSync(world, JSON.stringify(TWO_CITIES));
writeFileSync(
  principalsFile,
  JSON.stringify([
    { id: HOSPITAL, role: 'provider', providerIds: ['H-QZ-3'] },
    { id: INSURER, role: 'insurer', regions: ['330800'] },
  ]),
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function seed(args: string[], targetOf?: TargetOf): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await execute(seedCommand, args, (parsed) => runSeed(parsed, io, targetOf), io);
  return { code, stdout, stderr };
}

const unreachable: TargetOf = async () => {
  throw new Error('the deployment was reached');
};

describe('npm run seed: arguments and documents, before any deployment is reached', () => {
  it('takes exactly one of --stage and --data-dir', async () => {
    for (const args of [[world], [world, '--stage', 'dev', '--data-dir', dataDir]]) {
      const run = await seed(args, unreachable);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('give --stage (a deployed stack) or --data-dir');
    }
    expect((await seed([world, '--stage', 'qa'], unreachable)).stderr).toContain('--stage must be one of dev, prod');
  });

  it('refuses an invalid scenario or principals document, naming the field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...TWO_CITIES, members: [{ ...PEOPLE.qz1, scheme: 'tourist' }] }));
    const invalid = await seed([bad, '--stage', 'dev'], unreachable);
    expect([invalid.code, invalid.stderr]).toEqual([2, expect.stringContaining('members[0].scheme')]);
    const principals = join(dir, 'bad-principals.json');
    writeFileSync(principals, JSON.stringify([{ id: 'hospital', role: 'provider', providerIds: ['H-QZ-3'] }]));
    const badArn = await seed([world, '--stage', 'dev', '--principals', principals], unreachable);
    expect([badArn.code, badArn.stderr]).toEqual([2, expect.stringContaining('[0].id: must be an IAM role or user ARN')]);
    writeFileSync(principals, JSON.stringify([{ id: HOSPITAL, role: 'provider' }]));
    const badRole = await seed([world, '--stage', 'dev', '--principals', principals], unreachable);
    expect([badRole.code, badRole.stderr]).toEqual([2, expect.stringContaining('[0].role: must be operations, insurer')]);
    const missing = await seed([join(dir, 'nope.json'), '--stage', 'dev'], unreachable);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('cannot read')]);
  });
});

describe('npm run seed into DynamoDB Local', () => {
  let embedded: Embedded;
  let first: Run;

  beforeAll(async () => {
    first = await seed([world, '--data-dir', dataDir, '--principals', principalsFile]);
    // The tables the command wrote, opened again as `npm start -- --data-dir` would.
    embedded = await startEmbedded({ dataDir, concurrency: 1 });
  }, 240_000);

  afterAll(async () => {
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports what it wrote', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Seeded the embedded stack's tables in ${dataDir}:`);
    expect(first.stdout).toContain('3 members (sealed), 0 policies, 2 principals');
  });

  it('publishes the catalog and writes the members, sealed with the data dir’s key, with their balances', async () => {
    const catalog = await embedded.store.catalog();
    expect([...catalog.plans.keys()].sort()).toEqual(TWO_CITIES.plans.map((p) => p.id).sort());
    expect([...catalog.providers.keys()].sort()).toEqual(['H-QZ-3', 'H-SR-3']);
    const key = hmacDigester(readFileSync(join(dataDir, 'digest.key')));
    const member = await embedded.store.member(PEOPLE.qz1.id as MemberId);
    expect(member?.name).toEqual(sealName(PEOPLE.qz1.name, key));
    expect(member?.idNumber).toMatchObject({ digest: sealIdNumber(PEOPLE.qz1.idNumber, key)?.digest });
    expect(await embedded.store.readBalances(PEOPLE.qz1.id as MemberId)).toMatchObject({ currentFen: 200_000, historicalFen: 500_000 });
    expect(leaksIn(await tableTexts(embedded), clearValuesOf(TWO_CITIES))).toEqual([]);
  });

  it('registers the principals the API looks callers up by, and the national gateway’s codes', async () => {
    const directory = principalDirectory(embedded.store);
    expect(await directory.find(HOSPITAL)).toEqual({ id: HOSPITAL, role: 'provider', providerIds: ['H-QZ-3'], version: 1 });
    expect(await directory.find(INSURER)).toEqual({ id: INSURER, role: 'insurer', regions: ['330800'], version: 1 });
    expect(await embedded.store.readConfig(HSA_CONFIG_KEY)).not.toBeNull();
  });

  it('refuses to seed the same members again, naming them, and changes nothing', async () => {
    const before = await snapshotTables(embedded);
    const target: TargetOf = async () => ({ store: embedded.store, digest: embedded.digest, where: 'here', close: async () => undefined });
    const again = await seed([world, '--data-dir', dataDir], target);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("members: 3 of the world's members are in the tables already (qz-1, qz-2, sr-1)");
    expect(await snapshotTables(embedded)).toEqual(before);
  });

  it('on AWS: finds the tables and the digest key by the stack’s outputs and seals with the secret’s key', async () => {
    const secret = 'k'.repeat(40) + 'Z'.repeat(24);
    const outputs = {
      ...Object.fromEntries(TABLE_ROLES.map((role) => [tableOutputKey(role), embedded.store.tables[role]])),
      [STACK_OUTPUTS.digestKeySecretArn]: 'arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:digest-AbCdEf',
    };
    const asked: unknown[] = [];
    const cloudFormation = {
      send: async (command: { input: unknown }) => {
        asked.push(command.input);
        return { Stacks: [{ Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }] };
      },
    };
    const secrets = {
      send: async (command: { input: unknown }) => {
        asked.push(command.input);
        return { SecretString: secret };
      },
    };
    const dynamodb = { endpoint: embedded.stack.endpoints.dynamodb, region: embedded.stack.region, credentials: LOCAL_CREDENTIALS };
    const target: TargetOf = ({ values }) =>
      awsTarget({
        stackName: `Medins-${values.stage}`,
        region: values.region ?? 'cn-northwest-1',
        cloudFormation,
        secrets: secrets as never,
        dynamodb,
      });
    const other = join(dir, 'other.json');
    const person = { ...PEOPLE.qz2, id: 'qz-9', name: '赵六', idNumber: PEOPLE.qz1.idNumber, phone: '13800000009' };
    writeFileSync(other, JSON.stringify({ ...TWO_CITIES, members: [person] }));
    const run = await seed([other, '--stage', 'prod', '--region', 'cn-north-1'], target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Seeded stack Medins-prod in cn-north-1');
    expect(asked).toEqual([{ StackName: 'Medins-prod' }, { SecretId: outputs[STACK_OUTPUTS.digestKeySecretArn] }]);
    const member = await embedded.store.member('qz-9' as MemberId);
    expect(member?.name).toEqual(sealName('赵六', hmacDigester(Buffer.from(secret, 'utf8'))));
  });

  it('names a stack that does not exist, and an output the stack lacks', async () => {
    const missingStack = {
      send: async () => {
        throw Object.assign(new Error('Stack with id Medins-dev does not exist'), { name: 'ValidationError' });
      },
    };
    await expect(stackOutputs(missingStack, 'Medins-dev', 'cn-north-1')).rejects.toThrow(
      'stack Medins-dev does not exist in cn-north-1: deploy it first',
    );
    expect(() => deploymentOf({}, 'Medins-dev')).toThrow('stack Medins-dev has no output CatalogTableName');
  });
});
