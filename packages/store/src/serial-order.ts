/**
 * The serial order a concurrent run is equivalent to. Every commit validates the
 * versions of everything its event was decided on, atomically with its writes,
 * so the history is serializable; the versions each event read and produced
 * (kept on its outcome item) say in which order: the event that produced version
 * v of an item comes before every event that read v, and an event that read v
 * without writing comes before the one that produced v + 1. Wall-clock commit
 * times cannot say this: a read-only check that lands first can carry a later
 * timestamp than the write it preceded. Independent events keep their commit
 * time order.
 */
import { MedinsError } from '@medins/engine';
import type { EventItem } from './items.ts';

/** The versions recorded do not form a serial order: the history was not serializable (a bug). */
export class SerialOrderError extends MedinsError {
  override readonly name = 'SerialOrderError';
  readonly code = 'NOT_SERIALIZABLE';
}

export interface OrderedEvent {
  /** The node's id: the event's, or a campaign's for all its per-policy renewals. */
  readonly id: string;
  readonly committedAt: number;
  readonly reads: readonly (readonly [string, number])[];
  readonly writes: readonly (readonly [string, number])[];
}

/** Merges items into nodes (per-policy renewals into their campaign); `groupOf` names the node. */
export function orderNodes(items: readonly EventItem[], groupOf: (item: EventItem) => string): OrderedEvent[] {
  const nodes = new Map<string, { id: string; committedAt: number; reads: [string, number][]; writes: [string, number][]; own: boolean }>();
  for (const item of items) {
    const id = groupOf(item);
    const own = id === item.eventId;
    const node = nodes.get(id) ?? { id, committedAt: item.committedAt, reads: [], writes: [], own };
    // A group sorts at its own (the campaign's) commit time when it has one.
    if (own) node.committedAt = item.committedAt;
    else if (!node.own) node.committedAt = Math.min(node.committedAt, item.committedAt);
    node.own ||= own;
    node.reads.push(...Object.entries(item.reads ?? {}));
    node.writes.push(...Object.entries(item.writes ?? {}));
    nodes.set(id, node);
  }
  return [...nodes.values()];
}

/** A min-heap of node indexes by (committedAt, id). */
class Ready {
  readonly #heap: number[] = [];
  readonly less: (a: number, b: number) => boolean;
  constructor(less: (a: number, b: number) => boolean) {
    this.less = less;
  }
  get size() {
    return this.#heap.length;
  }
  push(x: number): void {
    const h = this.#heap;
    h.push(x);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): number {
    const h = this.#heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** The nodes' ids in an order equivalent to the concurrent history. Throws SerialOrderError on a cycle. */
export function serialOrder(nodes: readonly OrderedEvent[]): string[] {
  const key = (item: string, version: number) => `${version}|${item}`;
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const [item, v] of n.writes) producer.set(key(item, v), i);
  });
  const edges: Set<number>[] = nodes.map(() => new Set());
  const indegree = new Array<number>(nodes.length).fill(0);
  const edge = (from: number | undefined, to: number | undefined) => {
    if (from === undefined || to === undefined || from === to || edges[from]!.has(to)) return;
    edges[from]!.add(to);
    indegree[to]!++;
  };
  nodes.forEach((n, i) => {
    const produced = new Set(n.writes.map(([item, v]) => key(item, v)));
    for (const [item, v] of n.reads) {
      edge(producer.get(key(item, v)), i);
      if (!produced.has(key(item, v + 1))) edge(i, producer.get(key(item, v + 1)));
    }
  });
  const ready = new Ready((a, b) => {
    const x = nodes[a]!;
    const y = nodes[b]!;
    return x.committedAt < y.committedAt || (x.committedAt === y.committedAt && x.id < y.id);
  });
  indegree.forEach((d, i) => {
    if (d === 0) ready.push(i);
  });
  const out: string[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    out.push(nodes[i]!.id);
    for (const j of edges[i]!) if (--indegree[j]! === 0) ready.push(j);
  }
  if (out.length < nodes.length) {
    const stuck = nodes
      .filter((_, i) => indegree[i]! > 0)
      .slice(0, 5)
      .map((n) => n.id);
    throw new SerialOrderError(`the history has a cycle through ${stuck.join(', ')}: it is not serializable`);
  }
  return out;
}
