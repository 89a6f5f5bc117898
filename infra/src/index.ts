/**
 * infra: the CDK app's public surface — build or synthesize it. Reading the synthesized
 * template (resolving its intrinsics) is the local stack's (`@medins/local-stack`).
 */
export { buildApp, synthesizeTemplate, type BuildAppOptions, type BuiltApp } from './build-app.ts';
export { SettlementStack } from './settlement-stack.ts';
export { STAGES, stageSettings, type Stage, type StageSettings } from './config/stage.ts';
export { TABLE_ROLES, TABLES, tableEnvVar, type TableRole } from './config/tables.ts';
export { HANDLER_KEYS, HANDLERS, TABLE_ACTIONS, type HandlerKey, type HandlerSpec, type TableAccess } from './config/handlers.ts';
export { applyNagPacks } from './nag/nag-packs.ts';
export type { CfnResource, CfnTemplate } from './template/types.ts';
