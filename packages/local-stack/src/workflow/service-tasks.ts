/**
 * DynamoDB and SQS Task states, executed against the local endpoints with the
 * SDK: the optimized integrations (`arn:aws:states:::dynamodb:putItem`,
 * `…:sqs:sendMessage`) and their AWS SDK integration twins
 * (`arn:aws:states:::aws-sdk:dynamodb:putItem`). Parameters are already in API
 * shape; results and error names follow Step Functions: `DynamoDB.<Exception>`
 * for the optimized integration, `DynamoDb.<Exception>` for the SDK one.
 */

import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ServiceTaskError, WorkflowBindingError } from '../errors.ts';

/** A DynamoDB or SQS call a Task state makes. */
export interface ServiceTarget {
  readonly service: 'dynamodb' | 'sqs';
  readonly action: string;
  /** The optimized integration adds SdkHttpMetadata to results; the SDK integration does not. */
  readonly optimized: boolean;
  /** What error names start with: `DynamoDB`, `DynamoDb`, `SQS`, `Sqs`. */
  readonly errorPrefix: string;
}

type Send = (client: DynamoDBClient | SQSClient, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

const DYNAMODB: Readonly<Record<string, Send>> = {
  getItem: (c, i) => (c as DynamoDBClient).send(new GetItemCommand(i as never)) as never,
  putItem: (c, i) => (c as DynamoDBClient).send(new PutItemCommand(i as never)) as never,
  updateItem: (c, i) => (c as DynamoDBClient).send(new UpdateItemCommand(i as never)) as never,
  deleteItem: (c, i) => (c as DynamoDBClient).send(new DeleteItemCommand(i as never)) as never,
};
/** The SDK integration can call any action; these are the ones wired locally. */
const DYNAMODB_SDK: Readonly<Record<string, Send>> = {
  ...DYNAMODB,
  query: (c, i) => (c as DynamoDBClient).send(new QueryCommand(i as never)) as never,
};
const SQS: Readonly<Record<string, Send>> = {
  sendMessage: (c, i) => {
    // Step Functions sends a JSON body as its text.
    const body = typeof i.MessageBody === 'string' ? i.MessageBody : JSON.stringify(i.MessageBody);
    return (c as SQSClient).send(new SendMessageCommand({ ...(i as object), MessageBody: body } as never)) as never;
  },
};

const OPTIMIZED = /^arn:[^:]+:states:::(dynamodb|sqs):([A-Za-z]+)(\.sync|\.waitForTaskToken)?$/;
const SDK = /^arn:[^:]+:states:::aws-sdk:(dynamodb|sqs):([A-Za-z]+)(\.sync|\.waitForTaskToken)?$/;

/**
 * Recognises a DynamoDB or SQS Task, or returns undefined; refuses actions not wired locally.
 *
 * @example
 * ```ts
 * serviceTarget('Record', 'arn:aws:states:::dynamodb:putItem'); // { service: 'dynamodb', action: 'putItem', optimized: true, errorPrefix: 'DynamoDB' }
 * ```
 */
export function serviceTarget(stateName: string, resource: string): ServiceTarget | undefined {
  const optimized = OPTIMIZED.exec(resource);
  const sdk = optimized ? undefined : SDK.exec(resource);
  const match = optimized ?? sdk;
  if (!match) return undefined;
  const [, service, action = '', suffix] = match as unknown as [string, 'dynamodb' | 'sqs', string, string?];
  const table = service === 'sqs' ? SQS : optimized ? DYNAMODB : DYNAMODB_SDK;
  if (suffix || !table[action]) {
    throw new WorkflowBindingError(
      `Task "${stateName}" calls ${resource}: not supported locally (wired: ${Object.keys(table).join(', ')}); override the state`,
      {
        entity: stateName,
      },
    );
  }
  const errorPrefix = service === 'sqs' ? (optimized ? 'SQS' : 'Sqs') : optimized ? 'DynamoDB' : 'DynamoDb';
  return { service, action, optimized: Boolean(optimized), errorPrefix };
}

/**
 * Makes the call and shapes the result as the Task would see it.
 *
 * @example
 * ```ts
 * await callService(serviceTarget('Record', 'arn:aws:states:::dynamodb:putItem')!, ddb, { TableName: 't', Item: { pk: { S: '1' } } });
 * ```
 */
export async function callService(
  target: ServiceTarget,
  client: DynamoDBClient | SQSClient,
  input: unknown,
): Promise<Record<string, unknown>> {
  const table = target.service === 'sqs' ? SQS : target.optimized ? DYNAMODB : DYNAMODB_SDK;
  const send = table[target.action] as Send;
  let output: Record<string, unknown>;
  try {
    output = await send(client, toSdk(input) as Record<string, unknown>);
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    // No HTTP status: the call never got an answer (connection refused, timeout).
    const name = e.$metadata?.httpStatusCode ? (e.name ?? 'UnknownError') : 'SdkClientException';
    const service = target.errorPrefix;
    throw new ServiceTaskError(
      `${service}.${name}`,
      `${e.message ?? String(error)} (Service: ${service}, Status Code: ${e.$metadata?.httpStatusCode ?? 0}, Error Code: ${name}, Request ID: ${e.$metadata?.requestId ?? 'none'})`,
      error,
    );
  }
  const { $metadata, ...fields } = output as Record<string, unknown> & { $metadata?: { requestId?: string } };
  const result = fromSdk(fields) as Record<string, unknown>;
  return target.optimized
    ? {
        ...result,
        SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: $metadata?.requestId ?? randomUUID() },
      }
    : result;
}

/** Binary attribute values arrive as base64 text in JSON; the SDK wants bytes. */
function toSdk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSdk);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === 'B' && typeof entries[0][1] === 'string')
    return { B: Buffer.from(entries[0][1], 'base64') };
  if (entries.length === 1 && entries[0]?.[0] === 'BS' && Array.isArray(entries[0][1])) {
    return { BS: (entries[0][1] as string[]).map((b) => Buffer.from(b, 'base64')) };
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, toSdk(v)]));
}

/** And back: bytes become base64 text, as Step Functions shows them. */
function fromSdk(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(fromSdk);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, fromSdk(v)]),
  );
}
