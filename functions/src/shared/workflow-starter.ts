/**
 * Starting a workflow for one event. On AWS: StartSyncExecution of the Express
 * state machine, so the consumer learns whether the event was applied and a
 * failure returns the message to the queue. Locally: the embedded stack's
 * interpreter runs the same synthesized definition in-process.
 */
import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { ConfigurationError } from '@medins/engine';
import { WORKFLOW_ERRORS } from './workflow-errors.ts';
import type { WorkflowState } from './workflow-state.ts';

export type WorkflowName = 'claim' | 'memberEvent';

/**
 * The error of an execution that ended in RecordFailure: the event and the reason
 * are in the dead-letter queue already (infra/src/workflows/workflow-parts.ts).
 */
export const EVENT_DEAD_LETTERED = WORKFLOW_ERRORS.deadLettered;

export interface WorkflowRun {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
}

export interface WorkflowStarter {
  run(workflow: WorkflowName, input: WorkflowState, name: string): Promise<WorkflowRun>;
}

/** Claims and quotes go through the claim workflow; everything else through the member-event workflow. */
export const workflowFor = (type: string): WorkflowName => (type === 'claim' || type === 'quote' ? 'claim' : 'memberEvent');

export function sfnStarter(arns: Readonly<Record<WorkflowName, string | undefined>>, client = new SFNClient({})): WorkflowStarter {
  return {
    async run(workflow, input, name) {
      const arn = arns[workflow];
      if (!arn) throw new ConfigurationError(`no state machine configured for the ${workflow} workflow`, { entity: workflow });
      const out = await client.send(
        new StartSyncExecutionCommand({
          stateMachineArn: arn,
          input: JSON.stringify(input),
          name: name.replace(/[^\w-]/g, '_').slice(0, 80),
        }),
      );
      return {
        status: (out.status ?? 'FAILED') as WorkflowRun['status'],
        ...(out.output ? { output: JSON.parse(out.output) } : {}),
        ...(out.error ? { error: out.error } : {}),
        ...(out.cause ? { cause: out.cause } : {}),
      };
    },
  };
}
