/**
 * Lanes of one batch: messages that name the same member or the same event run one
 * after another, in the order of the batch; the others run side by side.
 *
 * Why: every event that changes a member commits under the version of that member's
 * state item, so two events of one household decided at once are one commit and one
 * `ConflictError` that reloads, decides and commits again (the enrollment rush sends
 * a household's five enrollments, all paid by one payer, together; a duplicate
 * delivery lands beside its first copy). Running them in a lane turns that wasted
 * work into a short wait. It is scheduling only: the versions checked at commit
 * still decide what is serializable, so an event whose contention the keys miss
 * (two claims debiting one family holder) is as safe as before, only slower.
 */

/**
 * How much shorter a workflow execution's timeout is than the queue consumer's
 * (infra: the Express timeout is the consumer's timeout less this), so an execution
 * started at the beginning of an invocation ends before the invocation does. A
 * message whose turn in its lane comes later than this into the invocation is given
 * back to the queue instead: started then, its execution could outlive the
 * invocation, and the queue would deliver the message again while it still runs.
 */
export const EXECUTION_MARGIN_MS = 15_000;

/** The fields of an event document that name a member (whose state item its commit checks or changes). */
const MEMBER_FIELDS = ['memberId', 'cardHolderId', 'payerId', 'insuredId', 'holderId', 'ownerId'] as const;
/** The fields that name an event (its own id: a duplicate; a claim a reversal or a decision settles). */
const EVENT_FIELDS = ['id', 'claimId'] as const;

/** The keys an event document contends on: `member|<id>` and `event|<id>` for every such field it carries. */
export function contentionKeys(doc: Readonly<Record<string, unknown>>): string[] {
  const keys: string[] = [];
  for (const f of MEMBER_FIELDS) if (typeof doc[f] === 'string') keys.push(`member|${doc[f]}`);
  for (const f of EVENT_FIELDS) if (typeof doc[f] === 'string') keys.push(`event|${doc[f]}`);
  return keys;
}

/**
 * A scheduler for one batch (make one per invocation): `run(keys, work)` starts
 * `work` once every earlier run sharing a key has settled, whether it succeeded or
 * failed, and returns its result. Calls are ordered by when `run` is called.
 */
export function lanes() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = [...new Set(keys)].flatMap((k) => {
      const tail = tails.get(k);
      return tail ? [tail] : [];
    });
    const result = (before.length === 0 ? Promise.resolve() : Promise.allSettled(before)).then(work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const k of keys) tails.set(k, settled);
    return result;
  };
}
