/**
 * Where `npm run seed` writes: a deployed stack's tables, found by its outputs
 * (`<Role>TableName`, infra/src/config/outputs.ts), with the members sealed under
 * the stack's digest key (the Secrets Manager secret of `DigestKeySecretArn`, the
 * one the API function reads); or the embedded stack's tables in a data directory,
 * sealed under that directory's key (`DIR/digest.key`, the one its runs use).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError, type Digester } from '@medins/engine';
import { digesterFromSecret } from '@medins/functions/adapters/digest-key';
import { STACK_OUTPUTS, tableOutputKey } from '@medins/infra/outputs';
import { documentClient, Store, TABLE_ROLES, type TableNames, type TableRole } from '@medins/store';
import type { SeedStore } from './world.ts';

export interface SeedTarget {
  readonly store: SeedStore;
  /** The deployment's digest key: members are sealed with it, as the API seals what it receives. */
  readonly digest: Digester;
  /** Where, for the report. */
  readonly where: string;
  close(): Promise<void>;
}

/** The embedded stack's tables in `dataDir` (DynamoDB Local), sealed with the directory's key. */
export async function localTarget(dataDir: string): Promise<SeedTarget> {
  const { startEmbedded } = await import('@medins/embedded');
  const embedded = await startEmbedded({ dataDir, concurrency: 1 });
  return { store: embedded.store, digest: embedded.digest, where: `the embedded stack's tables in ${dataDir}`, close: embedded.stop };
}

/** What reading a stack's outputs needs of CloudFormation. */
export interface StackDescriber {
  send(command: DescribeStacksCommand): Promise<{ Stacks?: { Outputs?: { OutputKey?: string; OutputValue?: string }[] }[] }>;
}

/** The outputs of a deployed stack, by key; a stack that does not exist is named with the way to make it. */
export async function stackOutputs(cloudFormation: StackDescriber, stackName: string, region: string): Promise<Record<string, string>> {
  let stacks: Awaited<ReturnType<StackDescriber['send']>>['Stacks'];
  try {
    ({ Stacks: stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })));
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'ValidationError')
      throw new ConfigurationError(`stack ${stackName} does not exist in ${region}: deploy it first (README, "Deploying to AWS")`, {
        entity: '--stage',
        cause: e,
      });
    throw e;
  }
  const outputs: Record<string, string> = {};
  for (const o of stacks?.[0]?.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
  return outputs;
}

/** The table names and the digest key's secret from a stack's outputs; a missing output is named. */
export function deploymentOf(outputs: Readonly<Record<string, string>>, stackName: string): { tables: TableNames; secretArn: string } {
  const need = (key: string) => {
    const value = outputs[key];
    if (!value)
      throw new ConfigurationError(`stack ${stackName} has no output ${key}: deploy this version of the stack first`, { entity: key });
    return value;
  };
  const tables = Object.fromEntries(TABLE_ROLES.map((role) => [role, need(tableOutputKey(role))])) as Record<TableRole, string>;
  return { tables, secretArn: need(STACK_OUTPUTS.digestKeySecretArn) };
}

export interface AwsTargetOptions {
  readonly stackName: string;
  readonly region: string;
  /** The SDK clients (tests hand their own); default: the standard credential chain, in `region`. */
  readonly cloudFormation?: StackDescriber;
  readonly secrets?: SecretsManagerClient;
  readonly dynamodb?: Parameters<typeof documentClient>[0];
}

/** A deployed stack's tables, sealed with its digest key (the caller needs GetSecretValue and kms:Decrypt on the stack key). */
export async function awsTarget(options: AwsTargetOptions): Promise<SeedTarget> {
  const { stackName, region } = options;
  const outputs = await stackOutputs(options.cloudFormation ?? new CloudFormationClient({ region }), stackName, region);
  const { tables, secretArn } = deploymentOf(outputs, stackName);
  const digest = await digesterFromSecret(secretArn, options.secrets ?? new SecretsManagerClient({ region }));
  const store = new Store(documentClient(options.dynamodb ?? { region }), tables);
  return { store, digest, where: `stack ${stackName} in ${region} (table ${tables.members}…)`, close: async () => undefined };
}
