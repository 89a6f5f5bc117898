/**
 * SDK clients for the local endpoints. Credentials and region are fixed dummies
 * so nothing reads ~/.aws or the environment: a developer's real profile can
 * never be used against (or leak to) a local endpoint, nor the other way round.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { HttpHandler } from '@smithy/core/protocols';
import type { Logger } from '@smithy/types';
import { escapeAstral } from './sqs-text.ts';

/** The credentials every local client uses; the emulators accept anything. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * A DynamoDBClient for DynamoDB Local.
 *
 * @example
 * ```ts
 * const client = localDynamoDbClient(ddb.endpoint, 'us-east-1');
 * ```
 */
export function localDynamoDbClient(endpoint: string, region: string, logger?: Logger): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, ...(logger && { logger }) });
}

/** How an in-process SQS client reaches fauxqs, and what it logs. */
export interface LocalSqsClientOptions {
  /** The emulator's own (`SqsLocal.requestHandler`): requests skip the socket; without it they go over HTTP to `endpoint`. */
  readonly requestHandler?: HttpHandler | undefined;
  /** `SqsLocal.direct`: sends, receives and deletes answered by fauxqs's actions without a request (sqs-direct.ts). */
  readonly direct?: ((client: SQSClient) => void) | undefined;
  /** Default the SDK's. */
  readonly logger?: Logger | undefined;
}

/**
 * An SQSClient for fauxqs. The region matters: fauxqs puts it in queue ARNs,
 * which must match the ARNs in redrive policies.
 *
 * @example
 * ```ts
 * const client = localSqsClient(sqs.endpoint, 'us-east-1', { requestHandler: sqs.requestHandler, direct: sqs.direct });
 * ```
 */
export function localSqsClient(endpoint: string, region: string, options: LocalSqsClientOptions = {}): SQSClient {
  const { requestHandler, direct, logger } = options;
  const client = new SQSClient({
    endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
    ...(requestHandler && { requestHandler }),
    ...(logger && { logger }),
  });
  // Every sender on this client (queue workers, redrive, the interpreter's SQS tasks) gets fauxqs's text limit handled.
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { MessageBody?: unknown; Entries?: { MessageBody?: unknown }[] };
      if (typeof input.MessageBody === 'string') input.MessageBody = escapeAstral(input.MessageBody);
      for (const entry of input.Entries ?? [])
        if (typeof entry.MessageBody === 'string') entry.MessageBody = escapeAstral(entry.MessageBody);
      return next(args);
    },
    { step: 'initialize', name: 'fauxqsAstralEscape' },
  );
  direct?.(client);
  return client;
}

/**
 * Environment variables that point the AWS SDK at the local endpoints, for
 * handlers that build their own clients from the environment (as the store does).
 * Apply them to `process.env` (or a child's env) yourself: the stack does not.
 *
 * @example
 * ```ts
 * Object.assign(process.env, sdkEnvironment({ dynamodb: ddb.endpoint, sqs: sqs.endpoint }, 'us-east-1'));
 * ```
 */
export function sdkEnvironment(endpoints: { readonly dynamodb: string; readonly sqs: string }, region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  };
}
