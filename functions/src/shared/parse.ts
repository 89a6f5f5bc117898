/**
 * Validating what a workflow or a queue hands a handler: the event must be a
 * contract event of the types this step settles. A malformed event is a
 * WorkflowInputError (no retry: it would fail the same way again).
 */
import { ContractError, parseEvent } from '@medins/contract';
import { type DomainEvent, MedinsError, type SingleStepEvent } from '@medins/engine';

/** What a workflow or a queue handed a step is not an event this step settles: retrying cannot fix it. */
export class WorkflowInputError extends MedinsError {
  override readonly name = 'WorkflowInputError';
  readonly code = 'INVALID_WORKFLOW_INPUT';
}

export function parseStepEvent<T extends DomainEvent['type']>(doc: unknown, types: readonly T[]): Extract<DomainEvent, { type: T }> {
  let event: DomainEvent;
  try {
    event = parseEvent(doc);
  } catch (e) {
    if (e instanceof ContractError) throw new WorkflowInputError(e.message, { cause: e });
    throw e;
  }
  if (!(types as readonly string[]).includes(event.type)) {
    throw new WorkflowInputError(`this step settles ${types.join(', ')}, not ${event.type}`);
  }
  return event as Extract<DomainEvent, { type: T }>;
}

/** The types of the events a workflow step settles. */
export type StepType = SingleStepEvent['type'];

export const SINGLE_STEP_TYPES = [
  'claim',
  'quote',
  'enroll',
  'bindFamily',
  'unbindFamily',
  'bindViewer',
  'reverseClaim',
  'reviewDecision',
] as const satisfies readonly SingleStepEvent['type'][];
export const CLAIM_TYPES = ['claim', 'quote'] as const;
/** Decided one step (load, decide, commit): the member events, a reversal, and a reviewer's decision (in the ReviewWorkflow, or here when no review waits for it). */
export const MEMBER_EVENT_TYPES = ['enroll', 'bindFamily', 'unbindFamily', 'bindViewer', 'reverseClaim', 'reviewDecision'] as const;
