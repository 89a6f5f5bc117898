import { describe, expect, it } from 'vitest';
import { type AslDefinition, WorkflowBindingError } from '../../src/index.ts';
import { assertValidAsl } from '../../src/workflow/validate.ts';

describe('assertValidAsl', () => {
  it('accepts valid ASL without writing into it (asl-validator adds QueryLanguage to what it checks)', () => {
    const definition: AslDefinition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    const before = JSON.stringify(definition);
    assertValidAsl(definition);
    expect(JSON.stringify(definition)).toBe(before);
  });

  it('rejects a definition with a dangling transition, every time', () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } } as unknown as AslDefinition;
    expect(() => assertValidAsl(definition)).toThrow(WorkflowBindingError);
    // The verdict is cached: the second call must fail the same way.
    expect(() => assertValidAsl(definition)).toThrow(/not valid ASL/);
  });
});
