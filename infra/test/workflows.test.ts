/**
 * The four state machines, read from the synthesized template: state names and
 * transitions as docs/architecture.md names them, the retry and catch
 * conventions, Express logging and tracing, valid ASL — and each definition run
 * by the local interpreter (aws-local-stepfunctions, as the local stack runs it)
 * with stub handlers, through every path: prior result, rejection, conflict loop,
 * transient retry, failure.
 */

import { ConflictError, TransientError } from '@medins/store';
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { EVENT_DEAD_LETTERED } from '../src/workflows/error-names.ts';
import { props, resourcesOfType, synth, validateAsl } from './support/synth.ts';
import { type AslDefinition, type AslState, stateMachineDefinition } from './support/template.ts';

const { json } = await synth('dev');
const claim = stateMachineDefinition(json, 'ClaimWorkflow');
const member = stateMachineDefinition(json, 'MemberEventWorkflow');
const renewal = stateMachineDefinition(json, 'RenewalWorkflow');
const review = stateMachineDefinition(json, 'ReviewWorkflow');

const TRANSIENT_RETRY = {
  ErrorEquals: [
    'TransientError',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 1,
  BackoffRate: 2,
  MaxAttempts: 4,
  JitterStrategy: 'FULL',
};

const lambdaTasks = (asl: AslDefinition) =>
  Object.entries(asl.States).filter(([, s]) => s.Type === 'Task' && String(s.Resource).includes(':lambda:'));
const state = (asl: AslDefinition, name: string): AslState => {
  const s = asl.States[name];
  if (!s) throw new Error(`no state ${name}`);
  return s;
};
const choices = (s: AslState) => s.Choices as Record<string, unknown>[];

describe('ClaimWorkflow definition', () => {
  it('has exactly the documented states', () => {
    expect(Object.keys(claim.States).sort()).toEqual(
      [
        'CheckEligibility',
        'WasAlreadyApplied?',
        'ReturnPriorResult',
        'IsEligible?',
        'RecordRejection',
        'SettleTiers',
        'DeductFromAccounts',
        'NotifyMembers',
        'ClaimDone',
        'CountConflict',
        'CanRetryConflict?',
        'RecordFailure',
        'ClaimFailed',
        'ClaimWillRetry',
        'IsHeld?',
        'WasHeld?',
        'OpenReview',
      ].sort(),
    );
    expect(claim.StartAt).toBe('CheckEligibility');
  });

  it('transitions as documented', () => {
    const next = (n: string) => state(claim, n).Next;
    // CheckEligibility loads first: a claim applied before comes out of it with its prior result, nothing decided.
    expect(next('CheckEligibility')).toBe('WasAlreadyApplied?');
    expect(choices(state(claim, 'WasAlreadyApplied?'))).toEqual([
      { Variable: '$.loaded.prior', IsPresent: true, Next: 'ReturnPriorResult' },
    ]);
    expect(state(claim, 'WasAlreadyApplied?').Default).toBe('IsEligible?');
    // A redelivery: a held claim's review opens (started once: named after the claim); anything else publishes what
    // its first commit owed again (at least once, same ids).
    expect(next('ReturnPriorResult')).toBe('WasHeld?');
    expect(choices(state(claim, 'WasHeld?'))).toEqual([{ Variable: '$.outcome.result.status', StringEquals: 'held', Next: 'OpenReview' }]);
    expect(state(claim, 'WasHeld?').Default).toBe('NotifyMembers');
    // A flagged claim's decision is its hold: straight to DeductFromAccounts, which commits it; nothing settled.
    expect(choices(state(claim, 'IsEligible?'))).toEqual([
      { Variable: '$.eligibility.flags', IsPresent: true, Next: 'DeductFromAccounts' },
      { Variable: '$.eligibility.eligible', BooleanEquals: true, Next: 'SettleTiers' },
    ]);
    expect(state(claim, 'IsEligible?').Default).toBe('RecordRejection');
    expect(next('RecordRejection')).toBe('ClaimDone');
    expect(next('SettleTiers')).toBe('DeductFromAccounts');
    expect(next('DeductFromAccounts')).toBe('IsHeld?');
    expect(choices(state(claim, 'IsHeld?'))).toEqual([{ Variable: '$.outcome.result.status', StringEquals: 'held', Next: 'OpenReview' }]);
    expect(state(claim, 'IsHeld?').Default).toBe('NotifyMembers');
    expect(next('OpenReview')).toBe('ClaimDone');
    expect(next('NotifyMembers')).toBe('ClaimDone');
    expect(state(claim, 'ClaimDone').Type).toBe('Succeed');
    expect(next('RecordFailure')).toBe('ClaimFailed');
    expect(state(claim, 'ClaimFailed')).toMatchObject({ Type: 'Fail', Error: EVENT_DEAD_LETTERED, CausePath: '$.error.Cause' });
    expect(state(claim, 'ClaimWillRetry')).toMatchObject({ Type: 'Fail', Error: 'RetryFromQueue', CausePath: '$.error.Cause' });
    // The queue consumer acknowledges exactly this error (it is in the dead-letter queue already).
    expect(EVENT_DEAD_LETTERED).toBe('EventDeadLettered');
  });

  it('bounds the conflict loop: CountConflict adds one attempt, CanRetryConflict? reloads while attempt < 5', () => {
    expect(state(claim, 'DeductFromAccounts').Catch).toEqual([
      { ErrorEquals: ['ConflictError'], ResultPath: '$.error', Next: 'CountConflict' },
      { ErrorEquals: [...TRANSIENT_RETRY.ErrorEquals, 'ConflictError'], ResultPath: '$.error', Next: 'ClaimWillRetry' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' },
    ]);
    // A rejection is committed under the same version checks: it reloads on a conflict too.
    expect(state(claim, 'RecordRejection').Catch).toEqual(state(claim, 'DeductFromAccounts').Catch);
    // The writers' input carries the catalog version CheckEligibility pinned: the reload keeps it.
    expect(state(claim, 'CountConflict')).toMatchObject({
      Type: 'Pass',
      Parameters: {
        'event.$': '$.event',
        'catalogVersion.$': '$.catalogVersion',
        'attempt.$': 'States.MathAdd($.attempt, 1)',
        'error.$': '$.error',
      },
      Next: 'CanRetryConflict?',
    });
    expect(state(claim, 'CanRetryConflict?')).toMatchObject({
      Choices: [{ Variable: '$.attempt', NumericLessThan: 5, Next: 'CheckEligibility' }],
      Default: 'ClaimWillRetry',
    });
  });

  it('every Lambda task returns exactly the handler’s result, retries transient errors and catches the rest', () => {
    const tasks = lambdaTasks(claim);
    expect(tasks.map(([n]) => n).sort()).toEqual(
      ['CheckEligibility', 'DeductFromAccounts', 'NotifyMembers', 'OpenReview', 'RecordRejection', 'SettleTiers'].sort(),
    );
    for (const [name, task] of tasks) {
      // payloadResponseOnly: the function ARN as Resource, no Parameters, no ResultPath/Selector.
      expect(task.Parameters, name).toBeUndefined();
      expect(task.ResultPath, name).toBeUndefined();
      expect(task.ResultSelector, name).toBeUndefined();
      expect(task.Retry, name).toEqual([TRANSIENT_RETRY]);
      expect((task.Catch as unknown[]).slice(-2), name).toEqual([
        { ErrorEquals: [...TRANSIENT_RETRY.ErrorEquals, 'ConflictError'], ResultPath: '$.error', Next: 'ClaimWillRetry' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' },
      ]);
    }
  });

  it('RecordFailure sends the event, the attempt and the error to the claims dead-letter queue', () => {
    const record = state(claim, 'RecordFailure');
    expect(record.Resource).toMatch(/^arn:aws-cn:states:::sqs:sendMessage$/u);
    const dlq = resourcesOfType(json, 'AWS::SQS::Queue').find(([, q]) => q.Metadata?.['medins:queue'] === 'claims-dlq')![0];
    expect(record.Parameters).toEqual({
      QueueUrl: `https://sqs.cn-northwest-1.amazonaws.com.cn/000000000000/${dlq}`,
      MessageBody: { workflow: 'ClaimWorkflow', 'event.$': '$.event', 'attempt.$': '$.attempt', 'error.$': '$.error' },
    });
    expect(record.ResultPath).toBeNull();
  });
});

describe('MemberEventWorkflow definition', () => {
  it('has exactly the documented states and transitions', () => {
    expect(Object.keys(member.States).sort()).toEqual(
      [
        'DecideEvent',
        'WasAlreadyApplied?',
        'ReturnPriorResult',
        'NotifyMembers',
        'EventDone',
        'CountConflict',
        'CanRetryConflict?',
        'RecordFailure',
        'EventFailed',
        'EventWillRetry',
      ].sort(),
    );
    // DecideEvent loads, decides and commits; an event applied before comes out of it with its prior result.
    expect(member.StartAt).toBe('DecideEvent');
    expect(state(member, 'DecideEvent').Next).toBe('WasAlreadyApplied?');
    expect(state(member, 'WasAlreadyApplied?').Default).toBe('NotifyMembers');
    expect(state(member, 'ReturnPriorResult').Next).toBe('NotifyMembers');
    expect(state(member, 'NotifyMembers').Next).toBe('EventDone');
    expect(state(member, 'DecideEvent').Catch).toEqual([
      { ErrorEquals: ['ConflictError'], ResultPath: '$.error', Next: 'CountConflict' },
      { ErrorEquals: [...TRANSIENT_RETRY.ErrorEquals, 'ConflictError'], ResultPath: '$.error', Next: 'EventWillRetry' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' },
    ]);
    // The step that failed loaded in the same invocation: its input has no pinned version, the reload decides afresh.
    expect(state(member, 'CountConflict').Parameters).toEqual({
      'event.$': '$.event',
      'attempt.$': 'States.MathAdd($.attempt, 1)',
      'error.$': '$.error',
    });
    expect(state(member, 'CanRetryConflict?').Choices).toEqual([{ Variable: '$.attempt', NumericLessThan: 5, Next: 'DecideEvent' }]);
    expect(
      lambdaTasks(member)
        .map(([n]) => n)
        .sort(),
    ).toEqual(['DecideEvent', 'NotifyMembers']);
    for (const [name, task] of lambdaTasks(member)) expect(task.Retry, name).toEqual([TRANSIENT_RETRY]);
    const dlq = resourcesOfType(json, 'AWS::SQS::Queue').find(([, q]) => q.Metadata?.['medins:queue'] === 'enrollments-dlq')![0];
    expect(JSON.stringify(state(member, 'RecordFailure').Parameters)).toContain(`/${dlq}"`);
  });
});

describe('RenewalWorkflow definition', () => {
  it('walks the policies page by page', () => {
    expect(Object.keys(renewal.States).sort()).toEqual(
      ['StartCampaign', 'ListPolicyPage', 'RenewPolicyPage', 'MorePages?', 'FinishCampaign', 'CampaignDone'].sort(),
    );
    expect(renewal.StartAt).toBe('StartCampaign');
    expect(state(renewal, 'StartCampaign').Next).toBe('ListPolicyPage');
    expect(state(renewal, 'ListPolicyPage').Next).toBe('RenewPolicyPage');
    expect(state(renewal, 'RenewPolicyPage').Next).toBe('MorePages?');
    expect(state(renewal, 'MorePages?')).toMatchObject({
      Choices: [{ Variable: '$.page.cursor', IsPresent: true, Next: 'ListPolicyPage' }],
      Default: 'FinishCampaign',
    });
    expect(state(renewal, 'FinishCampaign').Next).toBe('CampaignDone');
    for (const [name, task] of lambdaTasks(renewal)) {
      expect(task.Retry, name).toEqual([TRANSIENT_RETRY]);
      // No Catch: a failed Standard execution is alarmed and redriven from the failed page.
      expect(task.Catch, name).toBeUndefined();
    }
  });
});

describe('ReviewWorkflow definition', () => {
  it('waits for a decision with a task token, heartbeat and timeout, and escalates rather than approve by silence', () => {
    expect(review.StartAt).toBe('AwaitReviewer');
    for (const [name, level] of [
      ['AwaitReviewer', 'reviewer'],
      ['AwaitSupervisor', 'supervisor'],
    ] as const) {
      const s = state(review, name);
      expect(s.Resource, name).toMatch(/^arn:aws[a-z-]*:states:::lambda:invoke\.waitForTaskToken$/);
      expect((s.Parameters as { Payload: unknown }).Payload, name).toEqual({
        'taskToken.$': '$$.Task.Token',
        'claimId.$': '$.claimId',
        level,
        'escalations.$': '$.escalations',
      });
      expect(s).toMatchObject({ HeartbeatSeconds: 24 * 3600, TimeoutSeconds: 72 * 3600, ResultPath: '$.answer', Next: 'TakeDecision' });
      // Only the escalating errors are caught: nothing there approves or drops the review.
      expect(s.Catch, name).toEqual([
        { ErrorEquals: ['States.HeartbeatTimeout', 'States.Timeout'], ResultPath: '$.error', Next: 'Escalate' },
      ]);
    }
    expect(state(review, 'Escalate')).toMatchObject({
      Type: 'Pass',
      Parameters: { 'claimId.$': '$.claimId', 'escalations.$': 'States.MathAdd($.escalations, 1)' },
      Next: 'AwaitSupervisor',
    });
  });

  it('settles the decision through the event steps and one commit; a failure reopens the review', () => {
    const next = (n: string) => state(review, n).Next;
    expect(state(review, 'TakeDecision')).toMatchObject({
      Type: 'Pass',
      Parameters: { 'claimId.$': '$.claimId', 'event.$': '$.answer.event', attempt: 0 },
      Next: 'CloseReviewTask',
    });
    expect(next('CloseReviewTask')).toBe('DecideEvent');
    expect(next('DecideEvent')).toBe('WasAlreadyApplied?');
    expect(state(review, 'WasAlreadyApplied?').Default).toBe('NotifyMembers');
    // A decision committed before (the step failed after its write, the review reopened, the decision came again)
    // publishes what its commit owed, under the same ids: notifications at least once on this path too.
    expect(next('ReturnPriorResult')).toBe('NotifyMembers');
    expect(next('NotifyMembers')).toBe('ReviewDone');
    // The same functions as the member-event workflow's steps (one deciding and committing function for every one-step event).
    for (const n of ['DecideEvent', 'NotifyMembers']) expect(state(review, n).Resource, n).toEqual(state(member, n).Resource);
    expect(state(review, 'DecideEvent').Catch).toEqual([
      { ErrorEquals: ['ConflictError'], ResultPath: '$.error', Next: 'CountConflict' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordDecisionFailure' },
    ]);
    expect(state(review, 'CountConflict').Parameters).toEqual({
      'event.$': '$.event',
      'attempt.$': 'States.MathAdd($.attempt, 1)',
      'error.$': '$.error',
    });
    expect(state(review, 'CanRetryConflict?')).toMatchObject({
      Choices: [{ Variable: '$.attempt', NumericLessThan: 5, Next: 'DecideEvent' }],
      Default: 'RecordDecisionFailure',
    });
    expect(next('RecordDecisionFailure')).toBe('ReopenReview');
    expect(state(review, 'ReopenReview')).toMatchObject({
      Parameters: { 'claimId.$': '$.event.claimId', escalations: 0 },
      Next: 'AwaitReviewer',
    });
    const dlq = resourcesOfType(json, 'AWS::SQS::Queue').find(([, q]) => q.Metadata?.['medins:queue'] === 'claims-dlq')![0];
    expect(JSON.stringify(state(review, 'RecordDecisionFailure').Parameters)).toContain(`/${dlq}"`);
  });
});

describe('state machines', () => {
  const machines = resourcesOfType(json, 'AWS::StepFunctions::StateMachine');
  const byName = Object.fromEntries(machines.map(([, m]) => [m.Metadata?.['medins:workflow'] as string, props(m)]));

  it('claims and member events are Express, renewal is Standard; all traced, ERROR logs without execution data', () => {
    expect(byName.ClaimWorkflow!.StateMachineType).toBe('EXPRESS');
    expect(byName.MemberEventWorkflow!.StateMachineType).toBe('EXPRESS');
    expect(byName.RenewalWorkflow!.StateMachineType).toBe('STANDARD');
    // Express cannot wait for a person.
    expect(byName.ReviewWorkflow!.StateMachineType).toBe('STANDARD');
    for (const [name, p] of Object.entries(byName)) {
      expect(p.TracingConfiguration, name).toEqual({ Enabled: true });
      expect(p.LoggingConfiguration, name).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
    }
  });

  it('an Express execution ends before its queue consumer times out', () => {
    const consumerTimeout = Math.min(
      ...resourcesOfType(json, 'AWS::Lambda::Function')
        .filter(([, f]) => f.Metadata?.['medins:handler'] === 'ingest/queue-consumer')
        .map(([, f]) => props(f).Timeout as number),
    );
    for (const asl of [claim, member]) expect(asl.TimeoutSeconds).toBeLessThan(consumerTimeout);
  });

  it.each([
    ['ClaimWorkflow', claim],
    ['MemberEventWorkflow', member],
    ['RenewalWorkflow', renewal],
    ['ReviewWorkflow', review],
  ])('%s is valid Amazon States Language (asl-validator)', (_name, asl) => {
    const result = validateAsl(structuredClone(asl));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('the validator has teeth: a transition to a missing state is refused', () => {
    const broken = structuredClone(claim) as { States: Record<string, { Next?: string }> };
    broken.States.SettleTiers!.Next = 'NoSuchState';
    expect(validateAsl(broken).isValid).toBe(false);
  });

  it('the renewal schedule starts the campaign at 02:00 Asia/Shanghai on 1 November, with a flexible window', () => {
    const [[, schedule]] = resourcesOfType(json, 'AWS::Scheduler::Schedule') as [[string, never]];
    const p = props(schedule);
    expect(p.ScheduleExpression).toBe('cron(0 2 1 11 ? *)');
    expect(p.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(p.FlexibleTimeWindow).toEqual({ Mode: 'FLEXIBLE', MaximumWindowInMinutes: 60 });
    expect(p.State).toBe('DISABLED'); // dev: started by hand; enabled in prod
    expect(JSON.parse(p.Target.Input as string)).toEqual({
      event: {
        type: 'renewalCampaign',
        id: 'renewal/huiqubao-2021/huiqubao-2022',
        at: '<aws.scheduler.scheduled-time>',
        fromProductId: 'huiqubao-2021',
        toProductId: 'huiqubao-2022',
      },
      attempt: 0,
    });
  });
});

// ---- the definitions run by the local interpreter, handlers stubbed ----

type Json = Record<string, unknown>;
const named = (name: string, message = name) => Object.assign(new Error(message), { name });

interface Run {
  readonly output?: Json;
  readonly error?: { name: string; message: string };
  readonly visited: string[];
  readonly deadLetters: Json[];
}

async function run(asl: AslDefinition, input: Json, handlers: Record<string, (state: Json) => Json | Promise<Json>>): Promise<Run> {
  const visited: string[] = [];
  const deadLetters: Json[] = [];
  const overrides = Object.fromEntries(
    Object.entries(asl.States)
      .filter(([, s]) => s.Type === 'Task')
      .map(([name]) => [
        name,
        async (payload: unknown) => {
          visited.push(name);
          if (name === 'RecordFailure') {
            deadLetters.push((payload as Json).MessageBody as Json);
            return {};
          }
          const handler = handlers[name] ?? ((s: Json) => s);
          return handler(payload as Json);
        },
      ]),
  );
  const machine = new StateMachine(asl as never);
  const retryIntervalOverrides = Object.fromEntries(Object.keys(overrides).map((n) => [n, 0]));
  const execution = machine.run(input as never, { overrides: { taskResourceLocalHandlers: overrides as never, retryIntervalOverrides } });
  try {
    return { output: (await execution.result) as Json, visited, deadLetters };
  } catch (e) {
    const cause = (e as { cause?: { name?: string; message?: string } }).cause;
    return { error: { name: cause?.name ?? (e as Error).name, message: cause?.message ?? (e as Error).message }, visited, deadLetters };
  }
}

const claimEvent = { type: 'claim', id: 'c1' };
const owed = [{ notificationId: 'c1|m1|claimSettled', to: 'm1', kind: 'claimSettled' }];
const settled = { applied: true, result: { id: 'c1', status: 'settled' }, committedAt: 1, notifications: owed };
/** Like the real load (in CheckEligibility, DecideEvent): pins the catalog version in force (here: how many loads so far) unless one is pinned. */
let loads = 0;
const loadContext = (s: Json) => ({ ...s, catalogVersion: (s.catalogVersion as number | undefined) ?? ++loads, loaded: { snapshot: {} } });
const happyClaim = {
  CheckEligibility: (s: Json) => ({ ...loadContext(s), eligibility: { eligible: true } }),
  SettleTiers: (s: Json) => ({ ...s, tiers: {} }),
  DeductFromAccounts: (s: Json) => ({ ...s, outcome: settled }),
  NotifyMembers: (s: Json) => ({ ...s, notified: 1 }),
};

describe('ClaimWorkflow run by the local interpreter', () => {
  it('settles a claim through every step', async () => {
    const r = await run(claim, { event: claimEvent, attempt: 0 }, happyClaim);
    expect(r.visited).toEqual(['CheckEligibility', 'SettleTiers', 'DeductFromAccounts', 'NotifyMembers']);
    expect(r.output).toMatchObject({ event: claimEvent, attempt: 0, outcome: settled, notified: 1 });
  });

  it('returns the prior outcome of an event applied before, changing nothing, and publishes what it owed again', async () => {
    const prior = { id: 'c1', status: 'settled' };
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        CheckEligibility: (s) => ({ ...s, loaded: { snapshot: {}, prior, priorNotifications: owed } }),
      },
    );
    expect(r.visited).toEqual(['CheckEligibility', 'NotifyMembers']);
    expect(r.output?.outcome).toEqual({ applied: false, result: prior, notifications: owed });
  });

  it('records a rejected claim as an outcome, not a failure', async () => {
    const rejected = { id: 'c1', status: 'rejected' };
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        CheckEligibility: (s) => ({ ...loadContext(s), eligibility: { eligible: false, result: rejected } }),
        RecordRejection: (s) => ({ ...s, outcome: { applied: true, result: rejected, committedAt: 1, notifications: [] } }),
      },
    );
    expect(r.visited).toEqual(['CheckEligibility', 'RecordRejection']);
    expect(r.output).toMatchObject({ outcome: { result: rejected } });
    expect(r.deadLetters).toEqual([]);
  });

  it('reloads when recording a rejection conflicts (the member changed meanwhile), and decides again', async () => {
    const rejected = { id: 'c1', status: 'rejected' };
    let records = 0;
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        CheckEligibility: (s) => ({ ...loadContext(s), eligibility: { eligible: false, result: rejected } }),
        RecordRejection: (s) => {
          if (++records === 1) throw named('ConflictError', 'version changed');
          return { ...s, outcome: { applied: true, result: rejected, committedAt: 1, notifications: [] } };
        },
      },
    );
    expect(r.visited).toEqual(['CheckEligibility', 'RecordRejection', 'CheckEligibility', 'RecordRejection']);
    expect(r.output).toMatchObject({ attempt: 1, outcome: { result: rejected } });
    expect(r.deadLetters).toEqual([]);
  });

  it('goes back to CheckEligibility after a conflict at DeductFromAccounts’ commit, on the catalog version pinned at the start', async () => {
    let commits = 0;
    const pinnedAtStart = loads + 1;
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        DeductFromAccounts: (s) => {
          commits++;
          if (commits <= 2) throw named('ConflictError', 'version changed');
          return { ...s, outcome: settled };
        },
      },
    );
    expect(r.visited.filter((n) => n === 'CheckEligibility')).toHaveLength(3);
    expect(r.output).toMatchObject({ attempt: 2, outcome: settled });
    // The reloads decided again on the catalog version the first load pinned.
    expect(r.output?.catalogVersion).toBe(pinnedAtStart);
  });

  it('gives up to the queue after five commit attempts: nothing in the dead-letter queue yet, the message comes back', async () => {
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        DeductFromAccounts: () => {
          throw named('ConflictError', 'version changed');
        },
      },
    );
    expect(r.visited.filter((n) => n === 'DeductFromAccounts')).toHaveLength(5);
    expect(r.deadLetters).toEqual([]);
    expect(r.error).toEqual({ name: 'RetryFromQueue', message: 'version changed' });
  });

  it('gives a transient error that outlives its retries back to the queue, unrecorded', async () => {
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        SettleTiers: () => {
          throw named('Lambda.ServiceException', 'unavailable');
        },
      },
    );
    expect(r.visited.at(-1)).toBe('SettleTiers');
    expect(r.deadLetters).toEqual([]);
    expect(r.error).toEqual({ name: 'RetryFromQueue', message: 'unavailable' });
  });

  it('retries a transient error in place', async () => {
    let calls = 0;
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        SettleTiers: (s) => {
          calls++;
          if (calls < 3) throw named('TransientError', 'throttled');
          return { ...s, tiers: {} };
        },
      },
    );
    expect(calls).toBe(3);
    expect(r.output).toMatchObject({ outcome: settled });
  });

  it('routes the store’s own ConflictError and TransientError (the classes the handlers throw), not only their names', async () => {
    let commits = 0;
    let settles = 0;
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        SettleTiers: (s) => {
          if (++settles === 1) throw new TransientError('throttled');
          return { ...s, tiers: {} };
        },
        DeductFromAccounts: (s) => {
          if (++commits === 1) throw new ConflictError('version changed');
          return { ...s, outcome: settled };
        },
      },
    );
    expect(r.visited).toEqual([
      'CheckEligibility',
      'SettleTiers',
      'SettleTiers',
      'DeductFromAccounts',
      'CheckEligibility',
      'SettleTiers',
      'DeductFromAccounts',
      'NotifyMembers',
    ]);
    expect(r.output).toMatchObject({ attempt: 1, outcome: settled });
    expect(r.deadLetters).toEqual([]);
  });

  it('sends anything else to the dead-letter queue once, with the original error, and fails as EventDeadLettered', async () => {
    const r = await run(
      claim,
      { event: claimEvent, attempt: 0 },
      {
        ...happyClaim,
        CheckEligibility: () => {
          throw named('ContractError', 'bad event');
        },
      },
    );
    expect(r.visited).toEqual(['CheckEligibility', 'RecordFailure']);
    expect(r.deadLetters[0]).toMatchObject({ event: claimEvent, error: { Error: 'ContractError', Cause: 'bad event' } });
    expect(r.deadLetters).toHaveLength(1);
    expect(r.error).toEqual({ name: 'EventDeadLettered', message: 'bad event' });
  });
});

describe('MemberEventWorkflow and RenewalWorkflow run by the local interpreter', () => {
  it('applies a member event', async () => {
    const outcome = { applied: true, result: { id: 'e1', status: 'enrolled' }, committedAt: 1, notifications: [] };
    const r = await run(member, { event: { type: 'enroll', id: 'e1' }, attempt: 0 }, { DecideEvent: (s) => ({ ...s, outcome }) });
    expect(r.visited).toEqual(['DecideEvent', 'NotifyMembers']);
    expect(r.output).toMatchObject({ outcome });
  });

  it('goes back to DecideEvent after a conflict at its commit, though its input pinned no catalog version', async () => {
    const outcome = { applied: true, result: { id: 'e1', status: 'enrolled' }, committedAt: 1, notifications: [] };
    let commits = 0;
    const r = await run(
      member,
      { event: { type: 'enroll', id: 'e1' }, attempt: 0 },
      {
        DecideEvent: (s) => {
          if (++commits === 1) throw named('ConflictError', 'version changed');
          return { ...s, outcome };
        },
      },
    );
    expect(r.visited).toEqual(['DecideEvent', 'DecideEvent', 'NotifyMembers']);
    expect(r.output).toMatchObject({ attempt: 1, outcome });
    expect(r.output).not.toHaveProperty('catalogVersion');
  });

  it('publishes again what an event applied before owed, deciding nothing', async () => {
    const prior = { id: 'e1', status: 'enrolled' };
    const r = await run(
      member,
      { event: { type: 'enroll', id: 'e1' }, attempt: 0 },
      { DecideEvent: (s) => ({ ...s, loaded: { snapshot: {}, prior, priorNotifications: owed } }) },
    );
    expect(r.visited).toEqual(['DecideEvent', 'NotifyMembers']);
    expect(r.output?.outcome).toEqual({ applied: false, result: prior, notifications: owed });
  });

  it('walks every page of a campaign, then finishes it', async () => {
    const pages = [{ cursor: 'a' }, { cursor: 'b' }, {}];
    let listed = 0;
    const r = await run(
      renewal,
      { event: { type: 'renewalCampaign', id: 'r1' }, attempt: 0 },
      {
        StartCampaign: (s) => ({ event: s.event, report: { renewed: 0 }, walked: 0 }),
        ListPolicyPage: (s) => ({ ...s, page: { policies: [{ id: `p${listed}` }], ...pages[listed++] } }),
        RenewPolicyPage: (s) => ({ ...s, walked: (s.walked as number) + 1 }),
        FinishCampaign: (s) => ({ ...s, result: { renewed: s.walked } }),
      },
    );
    expect(r.visited.filter((n) => n === 'ListPolicyPage')).toHaveLength(3);
    expect(r.output).toMatchObject({ walked: 3, result: { renewed: 3 } });
  });
});
