/**
 * The state carried by the workflows from step to step: the event as received,
 * the conflict-retry count, and what each step added. JSON only (Step Functions
 * passes it between Lambdas); every step returns the whole state.
 */

import type { SealedEventDoc } from '@medins/contract';
import type { Decision, EventResult, ReviewFlag, TierSettlement } from '@medins/engine';
import type { Loaded, OwedNotification } from '@medins/store/ports';
import { WorkflowInputError } from './parse.ts';

export interface WorkflowState {
  readonly event: SealedEventDoc;
  readonly attempt: number;
  /**
   * The catalog version the workflow decides on, pinned by its first load
   * (CheckEligibility's: the version in force then) and kept by every later step and
   * by a reload after a conflict: every step of one claim decides on the same
   * catalog, whatever is published meanwhile. A one-step event (DecideEvent) loads,
   * decides and commits on the version it read; a conflict's retry reads it afresh.
   */
  readonly catalogVersion?: number;
  /**
   * After the load (CheckEligibility, DecideEvent). `loaded.prior` is present only when the event was applied
   * before, and then `loaded.priorNotifications` too (what ReturnPriorResult hands to
   * NotifyMembers, so a redelivery publishes them again).
   */
  readonly loaded?: Omit<Loaded, 'prior' | 'catalogVersion'> & { prior?: EventResult };
  /** `flags`: the claim raised review flags and is held (`decision` is its hold, committed by DeductFromAccounts). */
  readonly eligibility?: { readonly eligible: boolean; readonly result?: EventResult; readonly flags?: readonly ReviewFlag[] };
  readonly tiers?: TierSettlement;
  readonly decision?: Decision;
  readonly outcome?: {
    readonly applied: boolean;
    readonly result: EventResult;
    readonly committedAt: number | null;
    /** What NotifyMembers publishes: this commit's notifications, or a duplicate's first ones (same ids). */
    readonly notifications: readonly OwedNotification[];
  };
  readonly notified?: number;
  /** ClaimWorkflow `OpenReview`: the held claim's ReviewWorkflow was started now, or was already running or done. */
  readonly review?: 'started' | 'exists';
}

/**
 * The state after a load: the snapshot (without `prior: null`, so the workflow's
 * `WasAlreadyApplied?` can test for presence) and the catalog version — the one
 * pinned before if any (a reload after a conflict), else the one read with the
 * snapshot.
 */
export function withLoaded(state: WorkflowState, loaded: Loaded): WorkflowState {
  const { prior, priorNotifications, catalogVersion, ...rest } = loaded;
  return {
    ...state,
    catalogVersion: state.catalogVersion ?? catalogVersion,
    loaded: prior ? { ...rest, prior, priorNotifications: priorNotifications ?? [] } : rest,
  };
}

/** The catalog version the workflow pinned at its load (`store.catalog(version)`). */
export function pinnedCatalogVersion(state: WorkflowState): number {
  if (state.catalogVersion === undefined) {
    throw new WorkflowInputError('the workflow state has no pinned catalog version', { entity: 'catalogVersion' });
  }
  return state.catalogVersion;
}

/** The loaded snapshot as the store's commit expects it, with the pinned catalog version (recorded on the outcome). */
export function loadedOf(state: WorkflowState): Loaded {
  if (!state.loaded) throw new WorkflowInputError('the workflow state has no loaded snapshot', { entity: 'loaded' });
  return { ...state.loaded, prior: state.loaded.prior ?? null, catalogVersion: pinnedCatalogVersion(state) };
}
