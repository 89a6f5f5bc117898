/**
 * infra → config: the names of the stack's outputs (CloudFormation `Outputs`), in
 * one CDK-free module: the stack declares them (constructs/outputs.ts), and the
 * tools that find a deployed stack's resources by them (`npm run seed`) and the
 * README's deploy section read the same names.
 */
import { TABLE_ROLES, type TableRole } from '@medins/store/tables';

export type { TableRole };

/** The outputs that are not a table's name. */
export const STACK_OUTPUTS = {
  /** The HTTP API's base URL (its `$default` stage). */
  apiUrl: 'ApiUrl',
  claimsQueueUrl: 'ClaimsQueueUrl',
  enrollmentsQueueUrl: 'EnrollmentsQueueUrl',
  claimsDeadLetterQueueUrl: 'ClaimsDeadLetterQueueUrl',
  enrollmentsDeadLetterQueueUrl: 'EnrollmentsDeadLetterQueueUrl',
  /** The SNS topic every alarm notifies: subscribe the on-call rota to it. */
  alarmTopicArn: 'AlarmTopicArn',
  /** The CloudWatch dashboard of the stage. */
  dashboardName: 'DashboardName',
  /** The Secrets Manager secret of the personal-data digest key (what `npm run seed` seals members with). */
  digestKeySecretArn: 'DigestKeySecretArn',
} as const;

/** `catalog` → `CatalogTableName`: the output holding a table's name, by its role. */
export const tableOutputKey = (role: TableRole): string => `${role.charAt(0).toUpperCase()}${role.slice(1)}TableName`;

/** Every output key the stack declares. */
export const ALL_OUTPUT_KEYS: readonly string[] = [...Object.values(STACK_OUTPUTS), ...TABLE_ROLES.map(tableOutputKey)];

/** The stack of a stage, as `buildApp` names it. */
export const stackNameOf = (stage: string): string => `Medins-${stage}`;
