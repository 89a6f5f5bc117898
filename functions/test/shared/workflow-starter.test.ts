/** shared/workflow-starter.ts: one synchronous Express execution per event, its end read back. */
import type { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { ConfigurationError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { sfnStarter, workflowFor } from '../../src/shared/workflow-starter.ts';

const ARNS = {
  claim: 'arn:aws-cn:states:cn-north-1:1:stateMachine:claim',
  memberEvent: 'arn:aws-cn:states:cn-north-1:1:stateMachine:member',
};

function fakeSfn(answer: Record<string, unknown>) {
  const sent: StartSyncExecutionCommand[] = [];
  return {
    sent,
    client: {
      send: async (command: StartSyncExecutionCommand) => {
        sent.push(command);
        return answer;
      },
    } as unknown as SFNClient,
  };
}

const input = { event: { id: 'c1' } as never, attempt: 0 };

describe('sfnStarter', () => {
  it('starts the workflow’s state machine with the state as input and reads its output', async () => {
    const sfn = fakeSfn({ status: 'SUCCEEDED', output: '{"outcome":{"applied":true}}' });

    const run = await sfnStarter(ARNS, sfn.client).run('claim', input, 'c1');

    expect(run).toEqual({ status: 'SUCCEEDED', output: { outcome: { applied: true } } });
    expect(sfn.sent.map((c) => c.input)).toEqual([{ stateMachineArn: ARNS.claim, input: JSON.stringify(input), name: 'c1' }]);
  });

  it('names the execution with what Step Functions allows, at most 80 characters', async () => {
    const sfn = fakeSfn({ status: 'SUCCEEDED' });

    await sfnStarter(ARNS, sfn.client).run('memberEvent', input, `rc1/pol 1:${'x'.repeat(100)}`);

    expect(sfn.sent[0]?.input.name).toBe(`rc1_pol_1_${'x'.repeat(70)}`);
    expect(sfn.sent[0]?.input.stateMachineArn).toBe(ARNS.memberEvent);
  });

  it('reports a failed execution’s error and cause, and a missing status as FAILED', async () => {
    const failed = await sfnStarter(ARNS, fakeSfn({ status: 'FAILED', error: 'EventDeadLettered', cause: 'InvariantError' }).client).run(
      'claim',
      input,
      'c1',
    );
    const unknown = await sfnStarter(ARNS, fakeSfn({}).client).run('claim', input, 'c1');

    expect(failed).toEqual({ status: 'FAILED', error: 'EventDeadLettered', cause: 'InvariantError' });
    expect(unknown).toEqual({ status: 'FAILED' });
  });

  it('throws ConfigurationError naming the workflow whose state machine is not configured', async () => {
    const sfn = fakeSfn({ status: 'SUCCEEDED' });

    await expect(sfnStarter({ claim: ARNS.claim, memberEvent: undefined }, sfn.client).run('memberEvent', input, 'e1')).rejects.toThrow(
      ConfigurationError,
    );
    await expect(sfnStarter({ claim: undefined, memberEvent: undefined }, sfn.client).run('claim', input, 'c1')).rejects.toMatchObject({
      entity: 'claim',
    });
    expect(sfn.sent).toEqual([]);
  });
});

describe('workflowFor', () => {
  it('sends claims and quotes through the claim workflow, everything else through the member-event workflow', () => {
    expect(['claim', 'quote'].map(workflowFor)).toEqual(['claim', 'claim']);
    expect(['reverseClaim', 'enroll', 'bindFamily', 'unbindFamily', 'bindViewer'].map(workflowFor)).toEqual(Array(5).fill('memberEvent'));
  });
});
