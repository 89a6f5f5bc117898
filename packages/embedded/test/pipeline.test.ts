/**
 * The pipeline replay's driving logic (src/pipeline.ts) against a scripted stack:
 * which queue each event goes to, that the next waits for the one before, that a
 * campaign runs through the renewal workflow, and that every way an event can
 * fail to settle is a PipelineError naming it — never an outcome with a hole.
 * (The replay on the real stack is pipeline-equals-engine.test.ts.)
 */
import { join } from 'node:path';
import { ContractError } from '@medins/contract';
import { describe, expect, it } from 'vitest';
import type { Embedded } from '../src/embedded.ts';
import { PipelineError, replayThroughPipeline, runCampaignWorkflow, sendAndWait } from '../src/pipeline.ts';
import { Settlements } from '../src/settlements.ts';
import { EXAMPLES_DIR, readText } from './support/stack.ts';

type RunStatus = { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error: string; cause: string } | { status: 'TIMED_OUT' };

interface Script {
  /** Event ids whose every delivery fails (dead-lettered). */
  readonly deadLetter?: readonly string[];
  /** Event ids the tables hold no result for. */
  readonly noResult?: readonly string[];
  readonly campaign?: RunStatus;
}

/** A stack that settles each message as the script says and records what it was asked to do, in order. */
function scriptedStack(script: Script = {}) {
  const calls: string[] = [];
  const settlements = new Settlements();
  const campaigns: unknown[] = [];
  const embedded = {
    settlements,
    seed: async () => void calls.push('seed'),
    startWorkers: () => void calls.push('startWorkers'),
    async send(queue: string, body: string) {
      const id = (JSON.parse(body) as { id: string }).id;
      calls.push(`send ${queue} ${id}`);
      setTimeout(() => {
        calls.push(`settled ${id}`);
        if (script.deadLetter?.includes(id)) settlements.deadLettered(body);
        else settlements.finished(body);
      }, 1);
    },
    workflows: {
      renewal: {
        run: async (input: { event: { id: string } }) => {
          campaigns.push(input);
          calls.push(`campaign ${input.event.id}`);
          return script.campaign ?? { status: 'SUCCEEDED', output: {} };
        },
      },
    },
    store: {
      scanAll: async (role: string) =>
        role === 'accounts' ? [{ memberId: 'm1', version: 1, account: { currentFen: 7, historicalFen: 8 } }] : [],
      readResult: async (id: string) => (script.noResult?.includes(id) ? null : { id, type: 'x', status: 'ok', reasons: [] }),
    },
  } as unknown as Embedded;
  return { embedded, calls, campaigns };
}

const exampleText = (name: string) => readText(join(EXAMPLES_DIR, `${name}.scenario.json`));

describe('sendAndWait', () => {
  it('sends an event to its queue and returns once it has finished', async () => {
    // Prepare
    const { embedded, calls } = scriptedStack();
    // Act
    await sendAndWait(embedded, { id: 'c1', type: 'claim' });
    await sendAndWait(embedded, { id: 'e1', type: 'enroll' });
    // Assess
    expect(calls).toEqual(['send claims c1', 'settled c1', 'send enrollments e1', 'settled e1']);
  });

  it('is a PipelineError when the event failed every attempt and went to the dead-letter queue', async () => {
    // Prepare
    const { embedded } = scriptedStack({ deadLetter: ['c1'] });
    // Act
    const sent = sendAndWait(embedded, { id: 'c1', type: 'claim' });
    // Assess
    await expect(sent).rejects.toThrow(PipelineError);
    await expect(sent).rejects.toThrow('event c1 failed every attempt and went to the dead-letter queue');
  });
});

describe('runCampaignWorkflow', () => {
  it('runs the campaign through the renewal workflow, as the schedule starts it', async () => {
    // Prepare
    const { embedded, campaigns } = scriptedStack();
    const event = { id: 'rc1', type: 'renewalCampaign' };
    // Act
    await runCampaignWorkflow(embedded, event);
    // Assess
    expect(campaigns).toEqual([{ event, attempt: 0 }]);
  });

  it('is a PipelineError with the error and its cause when the workflow failed, or how it ended otherwise', async () => {
    // Prepare
    const failed = scriptedStack({ campaign: { status: 'FAILED', error: 'States.TaskFailed', cause: 'page 3' } }).embedded;
    const timedOut = scriptedStack({ campaign: { status: 'TIMED_OUT' } }).embedded;
    // Act / Assess
    await expect(runCampaignWorkflow(failed, { id: 'rc1' })).rejects.toThrow(
      new PipelineError('renewal campaign failed: States.TaskFailed page 3'),
    );
    await expect(runCampaignWorkflow(timedOut, { id: 'rc1' })).rejects.toThrow(new PipelineError('renewal campaign ended TIMED_OUT'));
  });
});

describe('replayThroughPipeline', () => {
  it('loads the world, then runs each event to its end before the next, campaigns through the renewal workflow', async () => {
    // Prepare: example 06 — five claims, then two renewal campaigns.
    const { embedded, calls } = scriptedStack();
    // Act
    const outcome = await replayThroughPipeline(embedded, exampleText('06-special-drugs-assistance-renewal'));
    // Assess
    expect(calls).toEqual([
      'seed',
      'startWorkers',
      ...['sd1', 'sd2', 'sd3', 'oor', 'oor2'].flatMap((id) => [`send claims ${id}`, `settled ${id}`]),
      'campaign rc1',
      'campaign rc2',
    ]);
    expect(outcome.results.map((r) => r.id)).toEqual(['sd1', 'sd2', 'sd3', 'oor', 'oor2', 'rc1', 'rc2']);
    expect(outcome.balances).toEqual({ m1: { currentFen: 7, historicalFen: 8 } });
  });

  it('is a PipelineError naming the events that left no result', async () => {
    // Prepare
    const { embedded } = scriptedStack({ noResult: ['sd2', 'rc2'] });
    // Act
    const replayed = replayThroughPipeline(embedded, exampleText('06-special-drugs-assistance-renewal'));
    // Assess
    await expect(replayed).rejects.toThrow(new PipelineError('no result recorded for sd2, rc2'));
  });

  it('refuses an invalid document before anything is written', async () => {
    // Prepare
    const { embedded, calls } = scriptedStack();
    // Act
    const replayed = replayThroughPipeline(embedded, '{"version": 1, "members": "none"}');
    // Assess
    await expect(replayed).rejects.toThrow(ContractError);
    expect(calls).toEqual([]);
  });
});
