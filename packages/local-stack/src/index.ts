/**
 * `@medins/local-stack`: the embedded stack, everything the production CDK app
 * deploys reproduced on one machine with no cloud account and no Docker.
 * This file only re-exports; each module has one job.
 */

export { killOnExit } from './cleanup.ts';
export { LOCAL_CREDENTIALS, localDynamoDbClient, localSqsClient, sdkEnvironment } from './clients.ts';
export { DEFAULT_JVM_FLAGS, type DynamoDbLocal, type DynamoDbLocalOptions, startDynamoDbLocal } from './dynamodb.ts';
export { type DynamoDbLocalDist, findDynamoDbLocal } from './dynamodb-dist.ts';
export {
  DataLimitExceededError,
  JavaRuntimeError,
  LambdaHandlerError,
  LocalStackError,
  LogicalIdError,
  PortInUseError,
  PortUnusableError,
  ServiceTaskError,
  StartupError,
  TemplateError,
  WorkflowBindingError,
} from './errors.ts';
export { type DetectJavaOptions, type JavaRuntime, MIN_JAVA_MAJOR, parseJavaVersion, requireJava } from './java.ts';
export { byLogicalId } from './logical-id.ts';
export { assertPortFree, choosePort, findFreePort, LOOPBACK } from './ports.ts';
export { type SqsLocal, type SqsLocalOptions, startSqsLocal } from './sqs.ts';
export { DIRECT_MIDDLEWARE_NAME } from './sqs-direct.ts';
export { type LocalStack, type LocalStackOptions, type LocalStackVersions, startLocalStack } from './stack.ts';
export { lenient, type ResolveContext, resolve, resolveString } from './template/intrinsics.ts';
export {
  type AslDefinition,
  type CfnResource,
  type CfnTemplate,
  HANDLER_METADATA_KEY,
  LOCAL_ACCOUNT_ID,
  type LocalFunction,
  type LocalQueue,
  type LocalTable,
  type LocalTemplate,
  lambdaPlaceholderArn,
  loadTemplate,
  type ReadTemplateOptions,
  type RenderedStateMachine,
  readTemplate,
} from './template.ts';
export { packageVersion } from './versions.ts';
export { STATE_DATA_LIMIT_BYTES, stateDataBytes } from './workflow/limits.ts';
export { InvalidTokenError, TaskEndedError, TaskTimedOutError, TaskTokens, type WaitLimits } from './workflow/task-tokens.ts';
export {
  createWorkflow,
  type ExecutionEvent,
  type ExecutionResult,
  type LocalHandler,
  type LocalLambdaContext,
  type LocalWorkflow,
  type RunOptions,
  runWorkflow,
  type TaskBinding,
  type TaskOverride,
  type VisitedState,
  type WorkflowOptions,
} from './workflow.ts';
