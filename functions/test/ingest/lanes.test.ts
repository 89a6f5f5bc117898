/**
 * ingest/lanes.ts: messages naming the same member or event run one after another
 * in the batch's order, whatever became of the one before; the others run side by side.
 */
import { describe, expect, it } from 'vitest';
import { contentionKeys, lanes } from '../../src/ingest/lanes.ts';

/** A piece of work that records when it starts and ends, and finishes when released. */
function gated(log: string[], name: string, fail = false) {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const work = async () => {
    log.push(`start ${name}`);
    await gate;
    log.push(`end ${name}`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { work, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('contentionKeys', () => {
  it('names every member and event an event document names', () => {
    expect(contentionKeys({ type: 'enroll', id: 'e1', payerId: 'm1', insuredId: 'm2', productId: 'p', relationship: 'spouse' })).toEqual([
      'member|m1',
      'member|m2',
      'event|e1',
    ]);
    expect(contentionKeys({ type: 'claim', id: 'c1', memberId: 'm3', cardHolderId: 'm3', providerId: 'h' })).toEqual([
      'member|m3',
      'member|m3',
      'event|c1',
    ]);
    expect(contentionKeys({ type: 'reverseClaim', id: 'r1', claimId: 'c1' })).toEqual(['event|r1', 'event|c1']);
  });

  it('keeps member ids and event ids apart', () => {
    expect(contentionKeys({ id: 'x', memberId: 'x' })).toEqual(['member|x', 'event|x']);
  });
});

describe('lanes', () => {
  it('runs work sharing a key in order, and other work at once', async () => {
    const log: string[] = [];
    const run = lanes();
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const c = gated(log, 'c');
    const results = [run(['member|m1'], a.work), run(['member|m1', 'event|x'], b.work), run(['member|m2'], c.work)];
    await tick();
    expect(log).toEqual(['start a', 'start c']);
    a.release();
    await tick();
    expect(log).toEqual(['start a', 'start c', 'end a', 'start b']);
    b.release();
    c.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('starts the next in a lane when the one before failed, and still reports the failure', async () => {
    const log: string[] = [];
    const run = lanes();
    const a = gated(log, 'a', true);
    const b = gated(log, 'b');
    const first = run(['event|e1'], a.work);
    const second = run(['event|e1'], b.work);
    a.release();
    await expect(first).rejects.toThrow('a failed');
    await tick();
    expect(log).toContain('start b');
    b.release();
    await expect(second).resolves.toBe('b');
  });

  it('waits for every lane a piece of work joins', async () => {
    const log: string[] = [];
    const run = lanes();
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const c = gated(log, 'c');
    const all = [run(['member|m1'], a.work), run(['member|m2'], b.work), run(['member|m1', 'member|m2'], c.work)];
    a.release();
    await tick();
    expect(log).not.toContain('start c');
    b.release();
    await tick();
    expect(log).toContain('start c');
    c.release();
    await Promise.all(all);
  });
});
