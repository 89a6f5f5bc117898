/** @medins/contract — the public JSON contract: schemas, parsing, and the outcome format. */

export * from './errors.ts';
export * from './event-schema.ts';
export * from './json-schema.ts';
export * from './outcome.ts';
export * from './parse.ts';
export * from './personal.ts';
export * from './primitives.ts';
export * from './scenario-schema.ts';
export * from './to-domain.ts';
export * from './world-schema.ts';
