/** shared/workflow-errors.ts: the error names the workflows route on, taken from the classes that are thrown. */
import { ConflictError, TransientError } from '@medins/store/errors';
import { describe, expect, it } from 'vitest';
import { WorkflowInputError } from '../../src/shared/parse.ts';
import { WORKFLOW_ERRORS } from '../../src/shared/workflow-errors.ts';
import { EVENT_DEAD_LETTERED } from '../../src/shared/workflow-starter.ts';

describe('WORKFLOW_ERRORS', () => {
  it('names the errors as the thrown classes name themselves', () => {
    expect(WORKFLOW_ERRORS.conflict).toBe(new ConflictError('x').name);
    expect(WORKFLOW_ERRORS.transient).toBe(new TransientError('x').name);
    expect(WORKFLOW_ERRORS.invalidInput).toBe(new WorkflowInputError('x').name);
  });

  it('holds the two ends of a queue-fed execution the consumer reads, one of them the starter’s', () => {
    expect(WORKFLOW_ERRORS).toMatchObject({
      conflict: 'ConflictError',
      transient: 'TransientError',
      invalidInput: 'WorkflowInputError',
      retryFromQueue: 'RetryFromQueue',
      deadLettered: 'EventDeadLettered',
    });
    expect(EVENT_DEAD_LETTERED).toBe(WORKFLOW_ERRORS.deadLettered);
    expect(new Set(Object.values(WORKFLOW_ERRORS)).size).toBe(Object.keys(WORKFLOW_ERRORS).length);
  });
});
