/**
 * The embedded stack: DynamoDB Local and fauxqs on loopback ports, the
 * template's tables and queues created on them, its state machines rendered,
 * and SDK clients pointed at it all. One call up, one call down; a process
 * that exits or is interrupted takes the JVM with it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@smithy/types';
import { localDynamoDbClient, localSqsClient, sdkEnvironment } from './clients.ts';
import { type DynamoDbLocal, type DynamoDbLocalOptions, startDynamoDbLocal } from './dynamodb.ts';
import { requireJava } from './java.ts';
import { byLogicalId } from './logical-id.ts';
import { assertPortFree } from './ports.ts';
import { type SqsLocal, type SqsLocalOptions, startSqsLocal } from './sqs.ts';
import { createQueues, createTables } from './stack/provision.ts';
import { type CfnTemplate, type LocalTemplate, readTemplate } from './template.ts';
import { packageVersion } from './versions.ts';
import { createWorkflow, type LocalWorkflow, type WorkflowOptions } from './workflow.ts';

/** What to start. */
export interface LocalStackOptions {
  /** The synthesized template, as an object or its JSON text. */
  readonly template: CfnTemplate | string;
  /** Put before every table, queue and state machine name; default none. */
  readonly prefix?: string;
  /** The region of clients and local ARNs; default `us-east-1`. */
  readonly region?: string;
  /** Values for template parameters. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** DynamoDB Local: port, dataDir (default in memory), java, jvmFlags, startTimeoutMs. */
  readonly dynamodb?: DynamoDbLocalOptions;
  /** fauxqs: port, logger. */
  readonly sqs?: Omit<SqsLocalOptions, 'region'>;
  /** Marshalling of the document client; default `{ marshallOptions: { removeUndefinedValues: true } }`. */
  readonly documentClient?: TranslateConfig;
  /** The logger of the stack's SDK clients; default the SDK's (which drops everything). */
  readonly sdkLogger?: Logger;
}

/** Versions of everything that runs, e.g. for a report header. */
export interface LocalStackVersions {
  /** e.g. `DynamoDB Local 2026-05-28`. */
  readonly dynamodb: string;
  /** e.g. `3.3.1`. */
  readonly dynamodbRelease: string | undefined;
  /** e.g. `17.0.15`. */
  readonly java: string;
  /** e.g. `fauxqs 2.4.1`. */
  readonly sqs: string;
  /** e.g. `aws-local-stepfunctions 3.0.0`. */
  readonly stepFunctions: string;
}

/** A running embedded stack. */
export interface LocalStack extends LocalTemplate {
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string };
  readonly versions: LocalStackVersions;
  /** Milliseconds each part took to come up, and the whole (tables and queues included). */
  readonly startupMs: { readonly dynamodb: number; readonly sqs: number; readonly total: number };
  /** The DynamoDB Local JVM's process id. */
  readonly dynamodbPid: number;
  readonly dynamodb: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  /** Talks to fauxqs in-process, without a socket (`SqsLocal.requestHandler`); other processes use `endpoints.sqs`. */
  readonly sqs: SQSClient;
  /** AWS_REGION, dummy credentials and AWS_ENDPOINT_URL_DYNAMODB/_SQS, for handlers that read the environment. */
  readonly sdkEnvironment: Readonly<Record<string, string>>;
  /**
   * A state machine of the template, bound to this stack's clients and functions.
   * `id` is its logical id or a unique prefix of it (the construct id).
   */
  workflow(id: string, options?: Omit<WorkflowOptions, 'stateMachine' | 'functions' | 'dynamodb' | 'sqs'>): LocalWorkflow;
  /** Stops both emulators and closes the clients. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Checks Java and any requested ports, starts DynamoDB Local and fauxqs, creates the template's tables
 * and queues, and renders its state machines.
 *
 * @example
 * ```ts
 * const stack = await startLocalStack({ template: Template.fromStack(stack).toJSON(), prefix: 'it-' });
 * const flow = stack.workflow('ClaimFlow', { handlers, timeScale: 0 });
 * const result = await flow.run({ claimId: 'c-1' });
 * console.log(stack.versions.dynamodb, result.status);
 * await stack.stop();
 * ```
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = performance.now();
  const region = options.region ?? 'us-east-1';
  // Fail on what the caller can fix before paying for a JVM start.
  await requireJava({ command: options.dynamodb?.java, env: options.dynamodb?.env });
  for (const port of [options.dynamodb?.port, options.sqs?.port]) if (port !== undefined) await assertPortFree(port);
  const [ddbOutcome, sqsOutcome] = await Promise.allSettled([
    startDynamoDbLocal(options.dynamodb),
    startSqsLocal({ ...options.sqs, region }),
  ]);
  if (ddbOutcome.status === 'rejected' || sqsOutcome.status === 'rejected') {
    if (ddbOutcome.status === 'fulfilled') await ddbOutcome.value.stop();
    if (sqsOutcome.status === 'fulfilled') await sqsOutcome.value.stop();
    throw ddbOutcome.status === 'rejected' ? ddbOutcome.reason : (sqsOutcome as PromiseRejectedResult).reason;
  }
  const ddb: DynamoDbLocal = ddbOutcome.value;
  const sqsServer: SqsLocal = sqsOutcome.value;
  const dynamodb = localDynamoDbClient(ddb.endpoint, region, options.sdkLogger);
  // In-process: no socket between the queue workers, the interpreter's SQS tasks and fauxqs (as none between Lambda's event source and SQS).
  const sqs = localSqsClient(sqsServer.endpoint, region, {
    requestHandler: sqsServer.requestHandler,
    direct: sqsServer.direct,
    logger: options.sdkLogger,
  });
  const documentClient = DynamoDBDocumentClient.from(
    dynamodb,
    options.documentClient ?? { marshallOptions: { removeUndefinedValues: true } },
  );
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      dynamodb.destroy();
      sqs.destroy();
      await Promise.all([ddb.stop(), sqsServer.stop()]);
    })());
  try {
    const local = readTemplate(options.template, {
      sqsEndpoint: sqsServer.endpoint,
      prefix: options.prefix,
      region,
      parameters: options.parameters,
    });
    await Promise.all([createTables(dynamodb, Object.values(local.tables)), createQueues(sqs, local.queues)]);
    return {
      ...local,
      endpoints: { dynamodb: ddb.endpoint, sqs: sqsServer.endpoint },
      versions: {
        dynamodb: ddb.version,
        dynamodbRelease: ddb.release,
        java: ddb.java.version,
        sqs: sqsServer.version,
        stepFunctions: packageVersion('aws-local-stepfunctions'),
      },
      startupMs: { dynamodb: ddb.startupMs, sqs: sqsServer.startupMs, total: Math.round(performance.now() - started) },
      dynamodbPid: ddb.pid,
      dynamodb,
      documentClient,
      sqs,
      sdkEnvironment: sdkEnvironment({ dynamodb: ddb.endpoint, sqs: sqsServer.endpoint }, region),
      workflow: (id, workflowOptions = {}) =>
        createWorkflow({
          ...workflowOptions,
          stateMachine: byLogicalId(local.stateMachines, id),
          functions: local.functions,
          dynamodb,
          sqs,
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
