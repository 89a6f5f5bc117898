import { describe, expect, it } from 'vitest';
import { benchWhatIf } from '../src/whatif-bench.ts';

describe('benchWhatIf', () => {
  it('replays a small year twice and times it', () => {
    const w = benchWhatIf(300, 3);
    expect(w.claims).toBeGreaterThanOrEqual(300);
    expect(w.seconds).toBeGreaterThan(0);
    expect(w.seconds).toBeGreaterThanOrEqual(w.replaySeconds.baseline);
  });
});
