/**
 * infra: the CDK app's public surface — build or synthesize it. Reading the synthesized
 * template (resolving its intrinsics) is the local stack's (`@medins/local-stack`).
 */
export { type BuildAppOptions, type BuiltApp, buildApp, synthesizeTemplate } from './build-app.ts';
export { HANDLER_KEYS, HANDLERS, type HandlerKey, type HandlerSpec, TABLE_ACTIONS, type TableAccess } from './config/handlers.ts';
export { STAGES, type Stage, type StageSettings, stageSettings } from './config/stage.ts';
export { TABLE_ROLES, TABLES, type TableRole, tableEnvVar } from './config/tables.ts';
export { applyNagPacks } from './nag/nag-packs.ts';
export { SettlementStack } from './settlement-stack.ts';
export type { CfnResource, CfnTemplate } from './template/types.ts';
