/**
 * workflows/error-names.ts: the error names the state machines route on come from
 * the error classes, and the synthesized template uses exactly those names — no
 * Retry, Catch or Fail names an error of ours by a string that nothing ties to a class.
 */

import { WorkflowInputError } from '@medins/functions/shared/parse';
import { WORKFLOW_ERRORS } from '@medins/functions/shared/workflow-errors';
import { ConflictError, TransientError } from '@medins/store';
import { describe, expect, it } from 'vitest';
import {
  CONFLICT_ERROR,
  EVENT_DEAD_LETTERED,
  LAMBDA_SERVICE_ERRORS,
  RETRY_FROM_QUEUE,
  TRANSIENT_ERROR,
  TRANSIENT_ERRORS,
} from '../../src/workflows/error-names.ts';
import { synth } from '../support/synth.ts';
import { type AslState, stateMachineDefinition } from '../support/template.ts';

const { json } = await synth('dev');
const WORKFLOWS = ['ClaimWorkflow', 'MemberEventWorkflow', 'RenewalWorkflow'] as const;

/** Every state of a definition, nested Map and Parallel states included. */
function allStates(states: Readonly<Record<string, AslState>>): [string, AslState][] {
  return Object.entries(states).flatMap(([name, state]) => {
    const nested = [state.ItemProcessor, state.Iterator, ...((state.Branches as unknown[] | undefined) ?? [])] as (
      | { States?: Record<string, AslState> }
      | undefined
    )[];
    return [[name, state] as [string, AslState], ...nested.flatMap((n) => (n?.States ? allStates(n.States) : []))];
  });
}

/** The error names a template's state machines use, by kind, without `States.*`. */
function namesUsed(kind: 'Retry' | 'Catch'): Set<string> {
  const names = new Set<string>();
  for (const workflow of WORKFLOWS) {
    for (const [, state] of allStates(stateMachineDefinition(json, workflow).States)) {
      for (const clause of (state[kind] as { ErrorEquals: string[] }[] | undefined) ?? []) {
        for (const name of clause.ErrorEquals) if (!name.startsWith('States.')) names.add(name);
      }
    }
  }
  return names;
}

describe('the names', () => {
  it('are the classes’ names, from the one list the handlers use', () => {
    expect(CONFLICT_ERROR).toBe(new ConflictError('version changed').name);
    expect(TRANSIENT_ERROR).toBe(new TransientError('throttled').name);
    expect(WORKFLOW_ERRORS.invalidInput).toBe(new WorkflowInputError('bad').name);
    expect([RETRY_FROM_QUEUE, EVENT_DEAD_LETTERED]).toEqual([WORKFLOW_ERRORS.retryFromQueue, WORKFLOW_ERRORS.deadLettered]);
    // The names deployed state machines and the queue consumer match on: a rename must be deliberate.
    expect([CONFLICT_ERROR, TRANSIENT_ERROR, RETRY_FROM_QUEUE, EVENT_DEAD_LETTERED]).toEqual([
      'ConflictError',
      'TransientError',
      'RetryFromQueue',
      'EventDeadLettered',
    ]);
  });

  it('retry the store’s TransientError and the Lambda service’s failures', () => {
    expect(TRANSIENT_ERRORS).toEqual([TRANSIENT_ERROR, ...LAMBDA_SERVICE_ERRORS]);
  });
});

describe('the synthesized state machines', () => {
  it('retry on exactly the transient errors (States.* aside)', () => {
    expect([...namesUsed('Retry')].sort()).toEqual([...TRANSIENT_ERRORS].sort());
  });

  it('catch exactly the transient errors and the conflict (States.* aside)', () => {
    expect([...namesUsed('Catch')].sort()).toEqual([...TRANSIENT_ERRORS, CONFLICT_ERROR].sort());
  });

  it('fail only as RetryFromQueue or EventDeadLettered', () => {
    const failures = new Set<string>();
    for (const workflow of WORKFLOWS) {
      for (const [, state] of allStates(stateMachineDefinition(json, workflow).States)) {
        if (state.Type === 'Fail' && typeof state.Error === 'string') failures.add(state.Error);
      }
    }
    expect([...failures].sort()).toEqual([EVENT_DEAD_LETTERED, RETRY_FROM_QUEUE].sort());
  });
});
