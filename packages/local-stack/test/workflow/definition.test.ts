import { describe, expect, it } from 'vitest';
import type { AslDefinition } from '../../src/index.ts';
import { scaleTimings, walkStates } from '../../src/workflow/definition.ts';

const definition = {
  StartAt: 'T',
  States: {
    T: { Type: 'Task', Resource: 'x', Retry: [{ ErrorEquals: ['States.ALL'], MaxDelaySeconds: 30 }], Next: 'W' },
    W: { Type: 'Wait', Seconds: 5, Next: 'P' },
    P: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'M',
          States: {
            M: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Wait', SecondsPath: '$.s', End: true } } },
              End: true,
            },
          },
        },
      ],
      End: true,
    },
  },
} as unknown as AslDefinition;

describe('walkStates', () => {
  it('visits states inside Parallel branches and Map processors', () => {
    const names: string[] = [];
    walkStates(definition, (name) => names.push(name));
    expect(names).toEqual(['T', 'W', 'P', 'M', 'Inner']);
  });
});

describe('scaleTimings', () => {
  it('scales intervals (default 1 s included) and caps, and turns waits into overrides', () => {
    const { definition: scaled, waitTimeOverrides } = scaleTimings(definition, 0.01);
    expect((scaled.States.T as { Retry: unknown[] }).Retry[0]).toEqual({
      ErrorEquals: ['States.ALL'],
      IntervalSeconds: 0.01,
      MaxDelaySeconds: 0.3,
    });
    // A SecondsPath wait cannot be scaled ahead of time: it is left alone unless the scale is 0.
    expect(waitTimeOverrides).toEqual({ W: 50 });
    expect(scaleTimings(definition, 0).waitTimeOverrides).toEqual({ W: 0, Inner: 0 });
  });

  it('leaves the definition untouched at scale 1', () => {
    expect(scaleTimings(definition, 1).definition).toBe(definition);
  });
});
