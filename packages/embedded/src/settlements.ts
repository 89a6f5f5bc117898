/**
 * Waiting for events sent through a queue: a message is finished when a queue
 * worker has processed and deleted it (its workflow ended, or it was parked as
 * invalid), and lost to the dead-letter queue when it failed its last receive.
 * Keyed by event id, read from the message body; copies of one event share it.
 */
export type Settled = 'finished' | 'deadLettered';

function eventIdOf(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

export class Settlements {
  readonly #waiters = new Map<string, ((s: Settled) => void)[]>();
  #finished = 0;
  #deadLettered = 0;

  /** Resolves when the next copy of this event is finished or dead-lettered. Call before sending. */
  expect(eventId: string): Promise<Settled> {
    return new Promise((resolve) => {
      const list = this.#waiters.get(eventId) ?? [];
      list.push(resolve);
      this.#waiters.set(eventId, list);
    });
  }

  finished(body: string): void {
    this.#finished++;
    this.#settle(body, 'finished');
  }

  deadLettered(body: string): void {
    this.#deadLettered++;
    this.#settle(body, 'deadLettered');
  }

  get counts(): { finished: number; deadLettered: number } {
    return { finished: this.#finished, deadLettered: this.#deadLettered };
  }

  #settle(body: string, how: Settled): void {
    const id = eventIdOf(body);
    if (id === null) return;
    const list = this.#waiters.get(id);
    if (!list) return;
    this.#waiters.delete(id);
    for (const resolve of list) resolve(how);
  }
}
