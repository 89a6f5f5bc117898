/**
 * Where a CPU profile's time went (src/profile-summary.ts): self time charged to the component
 * whose script ran it, built-ins to their nearest named caller, and the top functions.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../src/profile-summary.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('summarize', () => {
  it('charges self time to components by script, built-ins to their caller, and ranks the functions', () => {
    // Prepare: root → settle (engine) → JSON.parse (built-in); root → (idle); root → a handler.
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
        { id: 2, callFrame: frame('settle', 'file:///repo/packages/engine/src/claims/settle.ts', 9), children: [3] },
        { id: 3, callFrame: frame('parse') },
        { id: 4, callFrame: frame('(idle)') },
        { id: 5, callFrame: frame('handler', 'file:///repo/functions/src/claims/check.ts', 0) },
      ],
      samples: [2, 3, 3, 4, 5],
      timeDeltas: [100_000, 200_000, 200_000, 400_000, 100_000],
    };
    // Act
    const text = summarize(profile, 2);
    // Assess
    expect(text.split('\n')).toEqual([
      '1.0 s sampled',
      '',
      'by component:',
      '   50.0 %  engine',
      '   40.0 %  idle (waiting on I/O)',
      '   10.0 %  handlers',
      '',
      'top 2 functions (self time):',
      '   40.0 %  parse parse',
      '   40.0 %  (idle) (idle)',
      '',
    ]);
  });
});
