/** `@medins/bench`: the benchmark's parts, for the scale tests and the cost model's unit test. */
export * from './worlds.ts';
export * from './cost-model.ts';
export { itemBytes, meterDynamo, type Meter, type TableKeys } from './capacity.ts';
