/**
 * infra: the CDK app's public surface — build or synthesize it, and read the
 * synthesized template (state machine definitions, resources by metadata).
 */
export { buildApp, synthesizeTemplate, type BuildAppOptions, type BuiltApp } from './build-app.ts';
export { SettlementStack } from './settlement-stack.ts';
export { STAGES, stageSettings, type Stage, type StageSettings } from './config/stage.ts';
export { TABLE_ROLES, TABLES, tableEnvVar, type TableRole } from './config/tables.ts';
export { HANDLER_KEYS, HANDLERS, TABLE_ACTIONS, type HandlerKey, type HandlerSpec, type TableAccess } from './config/handlers.ts';
export { applyNagPacks } from './nag/nag-packs.ts';
export {
  logicalIdResolver,
  renderIntrinsics,
  resourcesWithMetadata,
  stateMachineDefinition,
  OFFLINE_ENVIRONMENT,
  type AslDefinition,
  type AslState,
  type CfnTemplate,
  type Environment,
  type IntrinsicResolver,
} from './template/render.ts';
