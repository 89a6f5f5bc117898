/**
 * infra → constructs: one Lambda function of `functions/src/<key>.ts`, built the
 * same way for every handler: Node.js 24 on arm64, an ESM bundle made locally by
 * esbuild (the runtime provides the AWS SDK v3), JSON logs to its own encrypted
 * log group, X-Ray active (never capturing responses or errors), Powertools
 * configured by environment. Its role starts empty (no AWS managed policy) and
 * receives only the statements named here.
 */

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel as EsbuildLogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HANDLERS, type HandlerKey, METRICS_NAMESPACE, TABLE_ACTIONS, TABLE_CONDITIONS, WRITING_ACCESS } from '../config/handlers.ts';
import type { StageSettings } from '../config/stage.ts';
import { type TableRole, tableEnvVar } from '../config/tables.ts';
import { acknowledge } from '../nag/acknowledge.ts';

/** The repository root: the esbuild project root, so workspace packages resolve. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the handler of a key lives. */
const handlerEntry = (key: HandlerKey): string => join(REPO_ROOT, 'functions', 'src', `${key}.ts`);

/**
 * ESM bundles still meet CommonJS dependencies that call `require` (X-Ray SDK,
 * some Powertools internals): give them one.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __medinsCreateRequire } from 'node:module'; const require = __medinsCreateRequire(import.meta.url);";

const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
/** SQS and SNS producers: a data key per reuse period, decrypt to verify it. */
const KEY_PRODUCE = ['kms:Decrypt', 'kms:GenerateDataKey'];

export interface HandlerFunctionProps {
  readonly handlerKey: HandlerKey;
  readonly settings: StageSettings;
  readonly key: kms.IKey;
  readonly tables: Readonly<Record<TableRole, dynamodb.ITable>>;
  /** Reserved concurrency, for functions that must not starve the others. */
  readonly reservedConcurrency?: number;
  /** A description overriding the handler's own (two consumers share one key). */
  readonly description?: string;
}

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly handlerKey: HandlerKey;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const spec = HANDLERS[props.handlerKey];
    this.handlerKey = props.handlerKey;
    this.key = props.key;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.settings.logRetention,
      encryptionKey: props.key,
      removalPolicy: props.settings.removalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `medins ${props.handlerKey}`,
    });
    this.logGroup.grantWrite(this.role);

    const logLevel = props.settings.logLevel;
    this.fn = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.handlerKey),
      handler: 'handler',
      description: props.description ?? spec.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[logLevel],
      // Platform START/END/REPORT lines cost ingestion on every invocation; metrics carry the same data.
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: {
        POWERTOOLS_SERVICE_NAME: spec.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        LOG_LEVEL: logLevel,
        // Responses and errors carry personal data (a workflow state holds the loaded snapshot): never in a trace.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: false,
        externalModules: ['@aws-sdk/*'],
        banner: ESM_REQUIRE_BANNER,
        esbuildArgs: { '--tree-shaking': 'true', '--legal-comments': 'none' },
        logLevel: EsbuildLogLevel.WARNING,
      },
    });
    (this.fn.node.defaultChild as lambda.CfnFunction).addMetadata('medins:handler', props.handlerKey);
    acknowledge(this.role, ['AwsSolutions-IAM5[Resource::*]'], 'xrayWildcard');
    acknowledge(this.role, ['HIPAA.Security-IAMNoInlinePolicy'], 'inlinePolicy');
    acknowledge(this.fn, ['HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ'], 'syncInvocation');
    acknowledge(this.fn, ['HIPAA.Security-LambdaInsideVPC'], 'noVpc');
    if (props.reservedConcurrency === undefined) {
      acknowledge(this.fn, ['HIPAA.Security-LambdaConcurrency'], 'boundedUpstream');
    }

    for (const [role, access] of Object.entries(spec.tables) as [TableRole, (typeof spec.tables)[TableRole]][]) {
      if (access === undefined) continue;
      const table = props.tables[role];
      const resources = access === 'walkByCreation' ? [`${table.tableArn}/index/byCreation`] : [table.tableArn];
      this.allow(TABLE_ACTIONS[access], resources, TABLE_CONDITIONS[access]);
      this.allowKey(props.key, WRITING_ACCESS.has(access) ? KEY_WRITE : KEY_READ);
      this.fn.addEnvironment(tableEnvVar(role), table.tableName);
    }
  }

  /** SendMessage to one queue, its URL in `envName` when the handler sends itself. */
  sendsTo(queue: sqs.IQueue, envName?: string): this {
    this.allow(['sqs:SendMessage'], [queue.queueArn]);
    this.allowKey(this.key, KEY_PRODUCE);
    if (envName) this.fn.addEnvironment(envName, queue.queueUrl);
    return this;
  }

  /** Publish to one topic, its ARN in `envName`. */
  publishesTo(topic: sns.ITopic, envName: string): this {
    this.allow(['sns:Publish'], [topic.topicArn]);
    this.allowKey(this.key, KEY_PRODUCE);
    this.fn.addEnvironment(envName, topic.topicArn);
    return this;
  }

  /** StartSyncExecution of one Express state machine, its ARN in `envName`. */
  startsSync(stateMachine: sfn.IStateMachine, envName: string): this {
    this.allow(['states:StartSyncExecution'], [stateMachine.stateMachineArn]);
    this.fn.addEnvironment(envName, stateMachine.stateMachineArn);
    return this;
  }

  /** Starts (asynchronous) executions of one Standard state machine, its ARN in `envName`. */
  starts(stateMachine: sfn.IStateMachine, envName: string): this {
    this.allow(['states:StartExecution'], [stateMachine.stateMachineArn]);
    this.fn.addEnvironment(envName, stateMachine.stateMachineArn);
    return this;
  }

  /** Answers the waiting tasks of one state machine's executions (SendTaskSuccess only), its ARN in `envName`. */
  resumesTasksOf(stateMachine: sfn.IStateMachine, envName: string): this {
    this.allow(['states:SendTaskSuccess'], [stateMachine.stateMachineArn]);
    this.fn.addEnvironment(envName, stateMachine.stateMachineArn);
    return this;
  }

  private allow(actions: readonly string[], resources: string[], conditions?: Readonly<Record<string, unknown>>): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...actions], resources, ...(conditions ? { conditions: { ...conditions } } : {}) }),
    );
  }

  private allowKey(key: kms.IKey, actions: readonly string[]): void {
    this.allow(actions, [key.keyArn]);
  }
}
