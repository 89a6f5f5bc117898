/**
 * infra → constructs: the stack's outputs, what an operator needs after `cdk
 * deploy` (printed by it, and by `aws cloudformation describe-stacks`): the API's
 * URL, every queue's URL, the alarm topic, the dashboard, each table's name and
 * the digest key's secret (what `npm run seed` finds the stack's tables and key
 * by). Declared on the stack itself, so each output's key is exactly its name in
 * config/outputs.ts.
 */
import { CfnOutput, type Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { STACK_OUTPUTS, type TableRole, tableOutputKey } from '../config/outputs.ts';

export interface StackOutputValues {
  readonly apiUrl: string;
  readonly claimsQueueUrl: string;
  readonly enrollmentsQueueUrl: string;
  readonly claimsDeadLetterQueueUrl: string;
  readonly enrollmentsDeadLetterQueueUrl: string;
  readonly alarmTopicArn: string;
  readonly dashboardName: string;
  readonly digestKeySecretArn: string;
  readonly tables: Readonly<Record<TableRole, dynamodb.ITable>>;
}

const DESCRIPTIONS: Readonly<Record<keyof typeof STACK_OUTPUTS, string>> = {
  apiUrl: 'The HTTP API (SigV4 for service callers, a member token for /me routes): docs/openapi.json',
  claimsQueueUrl: 'Claims, quotes and reversals waiting for the ClaimWorkflow',
  enrollmentsQueueUrl: 'Enrollments and bindings waiting for the MemberEventWorkflow',
  claimsDeadLetterQueueUrl: 'Claims that could not be applied (redrive: ops/redrive-dead-letters)',
  enrollmentsDeadLetterQueueUrl: 'Member events that could not be applied',
  alarmTopicArn: 'Every alarm notifies this topic: subscribe the on-call rota',
  dashboardName: 'The CloudWatch dashboard of this stage',
  digestKeySecretArn: 'The personal-data digest key (npm run seed seals members with it)',
};

/** Declares every output on `stack`. */
export function addStackOutputs(stack: Stack, values: StackOutputValues): void {
  for (const [name, key] of Object.entries(STACK_OUTPUTS) as [keyof typeof STACK_OUTPUTS, string][]) {
    new CfnOutput(stack, key, { value: values[name], description: DESCRIPTIONS[name] });
  }
  for (const [role, table] of Object.entries(values.tables) as [TableRole, dynamodb.ITable][]) {
    new CfnOutput(stack, tableOutputKey(role), { value: table.tableName, description: `The ${role} table` });
  }
}
