/**
 * The state carried by the workflows from step to step: the event as received,
 * the conflict-retry count, and what each step added. JSON only (Step Functions
 * passes it between Lambdas); every step returns the whole state.
 */

import type { EventDoc } from '@medins/contract';
import type { Decision, EventResult, TierSettlement } from '@medins/engine';
import type { Loaded } from '@medins/store/ports';
import { WorkflowInputError } from './parse.ts';

export interface WorkflowState {
  readonly event: EventDoc;
  readonly attempt: number;
  /** After the load step. `loaded.prior` is present only when the event was applied before. */
  readonly loaded?: Omit<Loaded, 'prior'> & { prior?: EventResult };
  readonly eligibility?: { readonly eligible: boolean; readonly result?: EventResult };
  readonly tiers?: TierSettlement;
  readonly decision?: Decision;
  readonly outcome?: {
    readonly applied: boolean;
    readonly result: EventResult;
    readonly committedAt: number | null;
    readonly notificationIds: readonly string[];
  };
  readonly notified?: number;
}

/** Drops `prior: null` so the workflow's `WasAlreadyApplied?` can test for presence. */
export function withLoaded(state: WorkflowState, loaded: Loaded): WorkflowState {
  const { prior, ...rest } = loaded;
  return { ...state, loaded: prior ? { ...rest, prior } : rest };
}

/** The loaded snapshot as the store's commit expects it. */
export function loadedOf(state: WorkflowState): Loaded {
  if (!state.loaded) throw new WorkflowInputError('the workflow state has no loaded snapshot', { entity: 'loaded' });
  return { ...state.loaded, prior: state.loaded.prior ?? null };
}
