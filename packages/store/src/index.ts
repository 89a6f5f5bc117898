/** @medins/store — the DynamoDB adapter: keys, snapshot reads, the one-transaction commit, the ports it implements. */

export * from './catalog.ts';
export * from './clock.ts';
export * from './commit.ts';
export * from './dynamo.ts';
export * from './errors.ts';
export * from './event-codec.ts';
export * from './items.ts';
export * from './load.ts';
export type * from './ports.ts';
export * from './reads.ts';
export * from './seed.ts';
export * from './serial-order.ts';
export * from './store.ts';
export * from './tables.ts';
