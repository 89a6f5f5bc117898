/**
 * The chaos run's fault hook: wraps the real handlers of five steps —
 * CheckEligibility (which loads), SettleTiers, DeductFromAccounts (which commits),
 * a member event's DecideEvent (loads and commits) and NotifyMembers — and, with
 * a given probability per invocation, makes them fail — mostly as Lambda's
 * own transient errors (the workflow retries them), sometimes as a crash the
 * workflow does not retry (the execution fails, the event is recorded in the
 * dead-letter queue and the message is received again). The committing steps and
 * the notification fail before or after their write reached the table. Inside the
 * notification window, the publish itself fails before or after the message
 * went out (`wrapNotifier`), so a step dies between two messages of one event.
 * Around a held claim's resume, the decision's SendTaskSuccess fails before or
 * after the review took it (`wrapReviewDesk`) and the task's close fails after its
 * write or crashes before it (the decision is dead-lettered and the review opens
 * again): every few calls rather than by chance, as a small run holds few claims.
 * Only the embedded stack's `wrapHandler`, `wrapNotifier` and `wrapReviewDesk`
 * options install it: no production code path knows about it.
 */
import type { Notifier } from '@medins/functions/shared/notifier';
import type { ReviewDesk } from '@medins/functions/shared/review-desk';
import type { LocalHandler } from '@medins/local-stack';

export const FAULT_STEPS = {
  eligibility: 'claims/check-eligibility',
  settlement: 'claims/settle-tiers',
  family: 'claims/deduct-from-accounts',
  memberEvent: 'events/decide',
  notification: 'events/notify',
} as const;
export type FaultStep = keyof typeof FAULT_STEPS;

const STEP_OF: Readonly<Record<string, FaultStep>> = Object.fromEntries(
  Object.entries(FAULT_STEPS).map(([step, key]) => [key, step as FaultStep]),
);

/** The ReviewWorkflow's step that closes the task a decision resumed. */
const REVIEW_CLOSE_TASK = 'review/close-task';

/** A failure Step Functions retries (TRANSIENT_ERRORS in infra). */
const transient = (step: string) => Object.assign(new Error(`injected fault in ${step}`), { name: 'Lambda.ServiceException' });
/** A failure nothing retries within the execution. */
const crash = (step: string) => Object.assign(new Error(`injected crash in ${step}`), { name: 'InjectedCrash' });

export class FaultInjector {
  readonly probability: number;
  readonly #random: () => number;
  readonly counts: Record<FaultStep, number> = { eligibility: 0, settlement: 0, family: 0, memberEvent: 0, notification: 0 };
  /** Faults thrown after the wrapped handler's write had reached the table. */
  afterWrite = 0;
  /** Publishes that failed before the message went out, and after it had (the sender never heard). */
  readonly publish = { before: 0, after: 0 };
  /** Faults around a review's resume: SendTaskSuccess before and after it reached the task, the task's close after its write and as a crash. */
  readonly review = { resumeBefore: 0, resumeAfter: 0, closeAfterWrite: 0, closeCrash: 0 };
  readonly #reviewCalls = { resume: 0, close: 0 };
  #enabled = true;

  /** @param random uniform in [0, 1), e.g. a seeded generator's `next` */
  constructor(probability: number, random: () => number) {
    this.probability = probability;
    this.#random = random;
  }

  /** Stops injecting (e.g. for the final redrive, so a run always ends). */
  disable(): void {
    this.#enabled = false;
  }

  /**
   * Fails a publish now and then, before or after the message reached the provider: always a transient error.
   * Only NotifyMembers' messages (the queue-fed workflows, whose steps the handler faults hit too): the renewal
   * campaign runs once in a chaos run and is not under its faults.
   */
  wrapNotifier = (notifier: Notifier): Notifier => ({
    send: async (message) => {
      const renewal = message.kind === 'renewed' || message.kind === 'renewalReminder';
      if (renewal || !this.#enabled || this.#random() >= this.probability) return notifier.send(message);
      if (this.#random() < 0.5) {
        this.publish.before++;
      } else {
        await notifier.send(message);
        this.publish.after++;
      }
      throw transient('publish');
    },
  });

  /** Every fourth resume fails before it reaches the task, every other fourth after (the consumer never heard). */
  wrapReviewDesk = (desk: ReviewDesk): ReviewDesk => ({
    open: (claimId) => desk.open(claimId),
    resume: async (token, answer) => {
      const n = this.#reviewCalls.resume++;
      if (!this.#enabled || n % 2 === 0) return desk.resume(token, answer);
      if (n % 4 === 1) {
        this.review.resumeBefore++;
      } else {
        await desk.resume(token, answer);
        this.review.resumeAfter++;
      }
      throw transient('resume');
    },
  });

  /** Every fourth close of a review task fails after its write (retried), every other fourth crashes before it. */
  #wrapCloseTask(handler: LocalHandler): LocalHandler {
    return async (event, context) => {
      const n = this.#reviewCalls.close++;
      if (!this.#enabled || n % 2 === 0) return handler(event, context);
      if (n % 4 === 1) {
        await handler(event, context);
        this.review.closeAfterWrite++;
        throw transient('close-task');
      }
      this.review.closeCrash++;
      throw crash('close-task');
    };
  }

  wrap = (key: string, handler: LocalHandler): LocalHandler => {
    if (key === REVIEW_CLOSE_TASK) return this.#wrapCloseTask(handler);
    const step = STEP_OF[key];
    if (!step) return handler;
    // The steps whose write can land before the caller hears of it: the two commits and the publish.
    const writes = step === 'family' || step === 'memberEvent' || step === 'notification';
    return async (event, context) => {
      if (!this.#enabled || this.#random() >= this.probability) return handler(event, context);
      this.counts[step]++;
      const error = this.#random() < 0.75 ? transient(step) : crash(step);
      if (writes && this.#random() < 0.5) {
        await handler(event, context); // the write landed; the caller never hears of it
        this.afterWrite++;
      }
      throw error;
    };
  };
}
