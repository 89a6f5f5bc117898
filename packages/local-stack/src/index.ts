/**
 * `@medins/local-stack`: the embedded stack, everything the production CDK app
 * deploys reproduced on one machine with no cloud account and no Docker.
 * This file only re-exports; each module has one job.
 */
export { LOCAL_CREDENTIALS, localDynamoDbClient, localSqsClient, sdkEnvironment } from './clients.ts';
export { killOnExit } from './cleanup.ts';
export { DEFAULT_JVM_FLAGS, startDynamoDbLocal, type DynamoDbLocal, type DynamoDbLocalOptions } from './dynamodb.ts';
export { findDynamoDbLocal, type DynamoDbLocalDist } from './dynamodb-dist.ts';
export {
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
export { MIN_JAVA_MAJOR, parseJavaVersion, requireJava, type DetectJavaOptions, type JavaRuntime } from './java.ts';
export { byLogicalId } from './logical-id.ts';
export { assertPortFree, choosePort, findFreePort, LOOPBACK } from './ports.ts';
export { startSqsLocal, type SqsLocal, type SqsLocalOptions } from './sqs.ts';
export { startLocalStack, type LocalStack, type LocalStackOptions, type LocalStackVersions } from './stack.ts';
export {
  HANDLER_METADATA_KEY,
  LOCAL_ACCOUNT_ID,
  lambdaPlaceholderArn,
  loadTemplate,
  readTemplate,
  type AslDefinition,
  type CfnResource,
  type CfnTemplate,
  type LocalFunction,
  type LocalQueue,
  type LocalTable,
  type LocalTemplate,
  type ReadTemplateOptions,
  type RenderedStateMachine,
} from './template.ts';
export { lenient, resolve, resolveString, type ResolveContext } from './template/intrinsics.ts';
export { packageVersion } from './versions.ts';
export {
  createWorkflow,
  runWorkflow,
  type ExecutionEvent,
  type ExecutionResult,
  type LocalHandler,
  type LocalLambdaContext,
  type LocalWorkflow,
  type RunOptions,
  type TaskBinding,
  type TaskOverride,
  type VisitedState,
  type WorkflowOptions,
} from './workflow.ts';
