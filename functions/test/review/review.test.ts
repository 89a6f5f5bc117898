/**
 * The held path's handlers and use case with in-memory ports: CheckEligibility
 * holds a flagged claim (the engine's hold as the decision), OpenReview opens its
 * review once, the waiting task publishes its token (never logged), the resumed
 * review closes its task, and routeDecision places each decision: resumed into
 * the open review, decided as a one-step event, or back to the queue until it can
 * be placed. sfnReviewDesk speaks the Step Functions API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { ScenarioInput } from '@medins/contract';
import { describe, expect, it } from 'vitest';
import * as checkEligibility from '../../src/claims/check-eligibility.ts';
import * as deductFromAccounts from '../../src/claims/deduct-from-accounts.ts';
import * as closeTask from '../../src/review/close-task.ts';
import * as openReview from '../../src/review/open-review.ts';
import * as publishTask from '../../src/review/publish-task.ts';
import { WorkflowInputError } from '../../src/shared/parse.ts';
import { type ReviewDesk, reviewExecutionName, sfnReviewDesk } from '../../src/shared/review-desk.ts';
import { loggedInput } from '../../src/shared/telemetry.ts';
import { routeDecision } from '../../src/use-cases/route-decision.ts';
import { NOW, testDeps } from '../support/deps.ts';
import { fixture, stateOf } from '../support/scenarios.ts';

const SCENARIO = join(import.meta.dirname, '../../../test/scenarios/30-review-sampling-and-empty-approval.scenario.json');
const doc = JSON.parse(readFileSync(SCENARIO, 'utf8')) as ScenarioInput;

/** A desk that records what it was asked; `resume` answers `answer`. */
function recordingDesk(answer: 'resumed' | 'stale' = 'resumed') {
  const opened: string[] = [];
  const resumed: { token: string; answer: unknown }[] = [];
  const desk: ReviewDesk = {
    async open(claimId) {
      if (opened.includes(claimId)) return 'exists';
      opened.push(claimId);
      return 'started';
    },
    async resume(token, a) {
      resumed.push({ token, answer: a });
      return answer;
    },
  };
  return { desk, opened, resumed };
}

async function heldClaim() {
  const f = fixture(doc);
  const desk = recordingDesk();
  const deps = testDeps(f.store, { reviews: desk.desk });
  const checked = await checkEligibility.create(deps)(stateOf(f.doc('c7')));
  return { f, deps, desk, checked };
}

describe('the held path in the claim workflow', () => {
  it('CheckEligibility holds a sampled claim: its flags, and the engine’s hold as the decision', async () => {
    const { checked, deps } = await heldClaim();
    expect(checked.eligibility).toEqual({ eligible: true, flags: ['SAMPLED'] });
    expect(checked.decision?.result).toMatchObject({ id: 'c7', status: 'held', flags: ['SAMPLED'], payments: { cashFen: 0 } });
    expect(checked.decision?.changes.map((c) => c.kind)).toEqual(['claimHeld']);
    expect(deps.telemetry.metric('ClaimHeld_SAMPLED')).toBe(1);
  });

  it('a quote with the same flags is never held', async () => {
    const f = fixture(doc);
    const deps = testDeps(f.store);
    const quote = { ...f.doc('c7'), type: 'quote' } as never;
    const checked = await checkEligibility.create(deps)(stateOf(quote));
    expect(checked.eligibility).toEqual({ eligible: true });
    expect(checked.decision).toBeUndefined();
  });

  it('OpenReview opens the committed held claim’s review once, and refuses anything not held', async () => {
    const { checked, deps, desk } = await heldClaim();
    const committed = await deductFromAccounts.create(deps)(checked);
    expect(committed.outcome?.result.status).toBe('held');
    const opened = await openReview.create(deps)(committed);
    expect(opened.review).toBe('started');
    expect((await openReview.create(deps)(committed)).review).toBe('exists');
    expect(desk.opened).toEqual(['c7']);
    await expect(
      openReview.create(deps)({ ...committed, outcome: { ...committed.outcome!, result: { status: 'settled' } as never } }),
    ).rejects.toThrow(WorkflowInputError);
    await expect(openReview.create(testDeps(deps.store))(committed)).rejects.toThrow(/REVIEW_WORKFLOW_ARN/);
  });
});

describe('the review task', () => {
  it('is published with its token, closed by the decision that resumed it, the token removed', async () => {
    const f = fixture(doc);
    const deps = testDeps(f.store);
    await publishTask.create(deps)({ taskToken: 'tok-1', claimId: 'c7', level: 'reviewer', escalations: 0 });
    expect(await f.store.readReviewTask('c7')).toEqual({
      claimId: 'c7',
      level: 'reviewer',
      status: 'open',
      openedAt: NOW,
      escalations: 0,
      token: 'tok-1',
    });
    const decision = { type: 'reviewDecision', id: 'd7', at: '2021-05-03T10:00:00+08:00', claimId: 'c7', decision: 'approve' };
    await closeTask.create(deps)({ claimId: 'c7', event: decision as never, attempt: 0 });
    expect(await f.store.readReviewTask('c7')).toEqual({
      claimId: 'c7',
      level: 'reviewer',
      status: 'decided',
      openedAt: NOW,
      escalations: 0,
      decidedBy: 'd7',
    });
    await expect(closeTask.create(deps)({ claimId: 'c7', event: { ...decision, claimId: 'c1' } as never, attempt: 0 })).rejects.toThrow(
      WorkflowInputError,
    );
    await expect(publishTask.create(deps)({ claimId: 'c7', level: 'boss' } as never)).rejects.toThrow(WorkflowInputError);
  });

  it('never logs a task token', () => {
    expect(loggedInput({ taskToken: 'secret-token', claimId: 'c7' })).toEqual({ taskToken: '[task token]', claimId: 'c7' });
  });
});

describe('routeDecision', () => {
  const decision = { type: 'reviewDecision', id: 'd7', at: '2021-05-03T10:00:00+08:00', claimId: 'c7', decision: 'approve' } as never;

  it('resumes the open review with the decision; a spent token waits', async () => {
    const { f, deps, checked } = await heldClaim();
    await deductFromAccounts.create(deps)(checked);
    await f.store.openReviewTask({ claimId: 'c7', level: 'reviewer', escalations: 0, token: 'tok-1', openedAt: NOW });
    const desk = recordingDesk();
    expect(await routeDecision(f.store, desk.desk, decision)).toBe('resumed');
    expect(desk.resumed).toEqual([{ token: 'tok-1', answer: { event: decision } }]);
    expect(await routeDecision(f.store, recordingDesk('stale').desk, decision)).toBe('wait');
    await expect(routeDecision(f.store, undefined, decision)).rejects.toThrow(/REVIEW_WORKFLOW_ARN/);
  });

  it('waits while the claim is held without an open task, or another decision is settling it', async () => {
    const { f, deps, checked } = await heldClaim();
    await deductFromAccounts.create(deps)(checked);
    expect(await routeDecision(f.store, recordingDesk().desk, decision)).toBe('wait');
    await f.store.openReviewTask({ claimId: 'c7', level: 'reviewer', escalations: 0, token: 'tok-1', openedAt: NOW });
    await f.store.closeReviewTask('c7', 'd6');
    expect(await routeDecision(f.store, recordingDesk().desk, decision)).toBe('wait');
  });

  it('decides as a one-step event what no review waits for: a claim not held, a decision applied before', async () => {
    const f = fixture(doc);
    expect(await routeDecision(f.store, recordingDesk().desk, decision)).toBe('apply');
  });
});

describe('sfnReviewDesk', () => {
  const ARN = 'arn:aws-cn:states:cn-north-1:1:stateMachine:review';
  function fakeSfn(fail?: string) {
    const sent: (StartExecutionCommand | SendTaskSuccessCommand)[] = [];
    const client = {
      send: async (command: StartExecutionCommand | SendTaskSuccessCommand) => {
        sent.push(command);
        if (fail) throw Object.assign(new Error(fail), { name: fail });
        return {};
      },
    } as unknown as SFNClient;
    return { sent, client };
  }

  it('starts the review named after the claim; a second start finds it', async () => {
    const ok = fakeSfn();
    expect(await sfnReviewDesk(ARN, ok.client).open('svc-h1:c7')).toBe('started');
    expect(ok.sent[0]?.input).toEqual({
      stateMachineArn: ARN,
      name: reviewExecutionName('svc-h1:c7'),
      input: JSON.stringify({ claimId: 'svc-h1:c7', escalations: 0 }),
    });
    expect(reviewExecutionName('svc-h1:c7')).toMatch(/^review-[0-9a-f]{64}$/);
    expect(await sfnReviewDesk(ARN, fakeSfn('ExecutionAlreadyExists').client).open('c7')).toBe('exists');
    await expect(sfnReviewDesk(ARN, fakeSfn('ThrottlingException').client).open('c7')).rejects.toThrow('ThrottlingException');
  });

  it('resumes with SendTaskSuccess; a token no longer waiting is stale', async () => {
    const ok = fakeSfn();
    const answer = { event: { type: 'reviewDecision', id: 'd7' } as never };
    expect(await sfnReviewDesk(ARN, ok.client).resume('tok', answer)).toBe('resumed');
    expect(ok.sent[0]?.input).toEqual({ taskToken: 'tok', output: JSON.stringify(answer) });
    for (const name of ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'])
      expect(await sfnReviewDesk(ARN, fakeSfn(name).client).resume('tok', answer)).toBe('stale');
    await expect(sfnReviewDesk(ARN, fakeSfn('ThrottlingException').client).resume('tok', answer)).rejects.toThrow();
  });
});
