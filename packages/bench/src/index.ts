/** `@medins/bench`: the benchmark's parts, for the scale tests and the cost model's unit test. */

export { itemBytes, type Meter, meterDynamo, type TableKeys } from './capacity.ts';
export * from './cost-model.ts';
export * from './worlds.ts';
