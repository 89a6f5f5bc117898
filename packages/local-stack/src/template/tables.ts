/**
 * CreateTable inputs from AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable
 * resources. Only what shapes the data survives: keys, attribute types,
 * indexes, billing mode, stream and TTL. Encryption (KMS keys do not exist
 * locally), point-in-time recovery, deletion protection, table class, tags,
 * contributor insights, Kinesis streams and resource policies are dropped:
 * DynamoDB Local ignores or rejects them.
 */
import type {
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  LocalSecondaryIndex,
  ProvisionedThroughput,
  StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { TemplateError } from '../errors.ts';
import { lenient, type ResolveContext, resolve } from './intrinsics.ts';
import type { CfnResource } from './types.ts';

/** One table to create locally. */
export interface LocalTable {
  readonly logicalId: string;
  readonly tableName: string;
  /** The CreateTable input, ready for `new CreateTableCommand(createTable)`. */
  readonly createTable: CreateTableCommandInput;
  /** The TTL attribute, to switch on with UpdateTimeToLive after CreateTable (CreateTable cannot). */
  readonly timeToLiveAttribute: string | undefined;
}

type Props = Record<string, unknown>;

/** Capacity for provisioned tables whose template only gives auto-scaling bounds; DynamoDB Local does not throttle. */
const DEFAULT_CAPACITY = 5;

/**
 * Derives the CreateTable input of one table resource.
 *
 * @example
 * ```ts
 * const table = localTable('ClaimsE8D96B24', resource, 'test-ClaimsE8D96B24', ctx);
 * await client.send(new CreateTableCommand(table.createTable));
 * ```
 */
export function localTable(logicalId: string, resource: CfnResource, tableName: string, ctx: ResolveContext): LocalTable {
  const pick = (key: string): unknown => resolve(resource.Properties?.[key], ctx, `${logicalId}.Properties.${key}`);
  const global = resource.Type === 'AWS::DynamoDB::GlobalTable';
  const keySchema = pick('KeySchema');
  if (!Array.isArray(keySchema) || keySchema.length === 0)
    throw new TemplateError(`${logicalId}: a table needs a KeySchema`, { entity: logicalId });
  const billingMode = pick('BillingMode') === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  const provisioned = billingMode === 'PROVISIONED';
  // Replicas also carry KMS keys and other things with no local value: read them leniently.
  const replica = global
    ? firstReplica(resolve(resource.Properties?.Replicas, lenient(ctx), `${logicalId}.Properties.Replicas`))
    : undefined;
  const tableCapacity = provisioned
    ? global
      ? globalCapacity(pick('WriteProvisionedThroughputSettings'), replica?.ReadProvisionedThroughputSettings)
      : capacity(pick('ProvisionedThroughput'))
    : undefined;
  const gsis = (pick('GlobalSecondaryIndexes') as Props[] | undefined)?.map(
    (index): GlobalSecondaryIndex => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as GlobalSecondaryIndex['KeySchema'],
      Projection: index.Projection as GlobalSecondaryIndex['Projection'],
      ...(provisioned && {
        ProvisionedThroughput: global
          ? globalCapacity(index.WriteProvisionedThroughputSettings, replicaIndexRead(replica, index.IndexName))
          : (capacity(index.ProvisionedThroughput) ?? tableCapacity),
      }),
    }),
  );
  const lsis = (pick('LocalSecondaryIndexes') as Props[] | undefined)?.map(
    (index): LocalSecondaryIndex => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as LocalSecondaryIndex['KeySchema'],
      Projection: index.Projection as LocalSecondaryIndex['Projection'],
    }),
  );
  const stream = pick('StreamSpecification') as { StreamViewType?: StreamViewType } | undefined;
  const ttl = pick('TimeToLiveSpecification') as { AttributeName?: string; Enabled?: boolean } | undefined;
  return {
    logicalId,
    tableName,
    createTable: {
      TableName: tableName,
      AttributeDefinitions: pick('AttributeDefinitions') as CreateTableCommandInput['AttributeDefinitions'],
      KeySchema: keySchema as CreateTableCommandInput['KeySchema'],
      BillingMode: billingMode,
      ...(tableCapacity && { ProvisionedThroughput: tableCapacity }),
      ...(gsis?.length && { GlobalSecondaryIndexes: gsis }),
      ...(lsis?.length && { LocalSecondaryIndexes: lsis }),
      ...(stream?.StreamViewType && { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType } }),
    },
    timeToLiveAttribute: ttl?.Enabled === false ? undefined : ttl?.AttributeName,
  };
}

function capacity(value: unknown): ProvisionedThroughput | undefined {
  const v = value as { ReadCapacityUnits?: unknown; WriteCapacityUnits?: unknown } | undefined;
  if (!v) return undefined;
  return {
    ReadCapacityUnits: Number(v.ReadCapacityUnits ?? DEFAULT_CAPACITY),
    WriteCapacityUnits: Number(v.WriteCapacityUnits ?? DEFAULT_CAPACITY),
  };
}

/** A global table states write capacity once and read capacity per replica, either fixed or as auto-scaling bounds. */
function globalCapacity(write: unknown, read: unknown): ProvisionedThroughput {
  const w = write as { WriteCapacityUnits?: unknown; WriteCapacityAutoScalingSettings?: { MinCapacity?: unknown } } | undefined;
  const r = read as { ReadCapacityUnits?: unknown; ReadCapacityAutoScalingSettings?: { MinCapacity?: unknown } } | undefined;
  return {
    ReadCapacityUnits: Number(r?.ReadCapacityUnits ?? r?.ReadCapacityAutoScalingSettings?.MinCapacity ?? DEFAULT_CAPACITY),
    WriteCapacityUnits: Number(w?.WriteCapacityUnits ?? w?.WriteCapacityAutoScalingSettings?.MinCapacity ?? DEFAULT_CAPACITY),
  };
}

interface Replica {
  ReadProvisionedThroughputSettings?: unknown;
  GlobalSecondaryIndexes?: { IndexName?: unknown; ReadProvisionedThroughputSettings?: unknown }[];
}

function firstReplica(replicas: unknown): Replica | undefined {
  return Array.isArray(replicas) ? (replicas[0] as Replica | undefined) : undefined;
}

function replicaIndexRead(replica: Replica | undefined, indexName: unknown): unknown {
  return replica?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.ReadProvisionedThroughputSettings;
}
