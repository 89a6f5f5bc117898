/**
 * The table roles the store uses and how their names reach a process: one
 * environment variable per role, `MEDINS_TABLE_<ROLE>` (the CDK app sets them on
 * each function; the local stack sets them from the synthesized template).
 */
import { ConfigurationError } from '@medins/engine';

export const TABLE_ROLES = ['catalog', 'members', 'accounts', 'bindings', 'policies', 'events'] as const;
export type TableRole = (typeof TABLE_ROLES)[number];
export type TableNames = Readonly<Record<TableRole, string>>;

export const tableEnvVar = (role: TableRole) => `MEDINS_TABLE_${role.toUpperCase()}`;

/** Table names from the environment; a missing one is a deployment error named here. */
export function tableNamesFromEnv(env: NodeJS.ProcessEnv = process.env, roles: readonly TableRole[] = TABLE_ROLES): TableNames {
  const names = {} as Record<TableRole, string>;
  for (const role of TABLE_ROLES) {
    const value = env[tableEnvVar(role)];
    if (value) names[role] = value;
    else if (roles.includes(role))
      throw new ConfigurationError(`environment variable ${tableEnvVar(role)} is not set`, { entity: tableEnvVar(role) });
  }
  return names;
}
