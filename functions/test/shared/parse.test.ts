/** shared/parse.ts: what a workflow hands a step must be a contract event of the step's types, else a WorkflowInputError (no retry). */
import { ContractError } from '@medins/contract';
import { describe, expect, it } from 'vitest';
import { CLAIM_TYPES, MEMBER_EVENT_TYPES, parseStepEvent, SINGLE_STEP_TYPES, WorkflowInputError } from '../../src/shared/parse.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

const f = fixture(exampleDoc('07-quote-reversal-viewers'));

describe('parseStepEvent', () => {
  it('parses an event of the step’s types into the engine’s event', () => {
    expect(parseStepEvent(f.doc('c1'), CLAIM_TYPES)).toEqual(f.event('c1'));
    expect(parseStepEvent(f.doc('x1'), MEMBER_EVENT_TYPES)).toEqual(f.event('x1'));
  });

  it('refuses an event of another step, naming the types it settles', () => {
    const parse = () => parseStepEvent(f.doc('v1'), CLAIM_TYPES);

    expect(parse).toThrow(WorkflowInputError);
    expect(parse).toThrow('this step settles claim, quote, not bindViewer');
  });

  it('refuses what is not a contract event, keeping the contract’s error as the cause', () => {
    let error: unknown;
    try {
      parseStepEvent({ ...f.doc('c1'), serviceDate: '2021-02-30' }, CLAIM_TYPES);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(WorkflowInputError);
    expect(error).toMatchObject({ code: 'INVALID_WORKFLOW_INPUT', message: expect.stringContaining('serviceDate') });
    expect((error as Error).cause).toBeInstanceOf(ContractError);
  });
});

describe('step types', () => {
  it('split the single-step types between the claim and the member-event workflows', () => {
    expect([...CLAIM_TYPES, ...MEMBER_EVENT_TYPES].sort()).toEqual([...SINGLE_STEP_TYPES].sort());
    expect(CLAIM_TYPES.filter((t) => (MEMBER_EVENT_TYPES as readonly string[]).includes(t))).toEqual([]);
  });
});
