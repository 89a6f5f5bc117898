/**
 * The process environment the real handlers expect, prepared before any of them
 * is imported: they read their table names, SDK endpoints and logging settings
 * from it, as a Lambda reads its configuration.
 */
import { tableEnvVar, TABLE_ROLES, type TableNames } from '@medins/store';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface HandlerEnvironment {
  readonly sdk: Readonly<Record<string, string>>;
  readonly tables: TableNames;
  /** Where log lines go; without it logging is silent (stdout carries the commands' JSON). */
  readonly logFile?: string;
  readonly logLevel?: LogLevel;
  /** Values the template gives individual functions that the local run keeps (e.g. POLICY_PAGE_SIZE). */
  readonly extra?: Readonly<Record<string, string>>;
}

export function prepareEnvironment(env: HandlerEnvironment): void {
  const set = (key: string, value: string) => (process.env[key] = value);
  for (const [k, v] of Object.entries(env.sdk)) set(k, v);
  for (const role of TABLE_ROLES) set(tableEnvVar(role), env.tables[role]);
  for (const [k, v] of Object.entries(env.extra ?? {})) set(k, v);
  set('POWERTOOLS_SERVICE_NAME', 'medins-embedded');
  // Metrics would print EMF documents to stdout and X-Ray has no daemon here.
  set('POWERTOOLS_METRICS_DISABLED', 'true');
  set('POWERTOOLS_TRACE_ENABLED', 'false');
  if (env.logFile) {
    set('MEDINS_LOG_FILE', env.logFile);
    set('POWERTOOLS_LOG_LEVEL', env.logLevel ?? 'INFO');
  } else {
    delete process.env.MEDINS_LOG_FILE;
    set('POWERTOOLS_LOG_LEVEL', 'SILENT');
  }
}
