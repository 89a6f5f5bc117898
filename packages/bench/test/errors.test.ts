/**
 * errors.ts: the bench's errors are of the project's family (MedinsError), each
 * with its literal name and code; the cost model refuses a template that lacks a
 * function it prices, naming the handler.
 */

import { MedinsError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { BenchRunError, BenchTemplateError, BenchUsageError } from '../src/errors.ts';
import { ASSUMPTIONS, type ClaimMeasurements, modelCost, readTemplateFacts } from '../src/index.ts';

describe.each([
  { make: () => new BenchUsageError('m', { entity: '--only', cause: 'c' }), name: 'BenchUsageError', code: 'BENCH_USAGE' },
  { make: () => new BenchRunError('m', { entity: '--only', cause: 'c' }), name: 'BenchRunError', code: 'BENCH_RUN_FAILED' },
  { make: () => new BenchTemplateError('m', { entity: '--only', cause: 'c' }), name: 'BenchTemplateError', code: 'TEMPLATE_INCOMPLETE' },
])('$name', ({ make, name, code }) => {
  it(`is a MedinsError named ${name} with code ${code}, keeping entity and cause`, () => {
    const error = make();
    expect(error).toBeInstanceOf(MedinsError);
    expect([error.name, error.code, error.entity, error.cause]).toEqual([name, code, '--only', 'c']);
  });
});

describe('modelCost', () => {
  it('refuses a template without the functions it prices, naming the one missing', () => {
    // Prepare: a template with no function at all, measurements of no workflow step.
    const facts = readTemplateFacts({ Resources: {} });
    let thrown: unknown;
    // Act
    try {
      modelCost(facts, { steps: {} } as unknown as ClaimMeasurements, ASSUMPTIONS);
    } catch (e) {
      thrown = e;
    }
    // Assess
    expect(thrown).toBeInstanceOf(BenchTemplateError);
    expect(thrown).toMatchObject({ code: 'TEMPLATE_INCOMPLETE', entity: 'api/http', message: 'the template has no function for api/http' });
  });
});
