/**
 * The city's reviewers: the same held claim gets the same decision for a seed, in
 * office hours (09:00–18:00 Shanghai) at least an hour after the claim; cuts only
 * on approvals and only codes of the claim's lines.
 */
import { describe, expect, it } from 'vitest';
import { reviewerDecision } from '../src/index.ts';

const claim = (n: number) => ({
  id: `c-${n}`,
  at: `2024-03-0${1 + (n % 9)}T${String(n % 24).padStart(2, '0')}:15:00+08:00`,
  lines: [
    { code: 'A-1', category: 'A', name: 'x', amountFen: 100 },
    { code: 'O-2', category: 'OOC', name: 'y', amountFen: 200 },
    { code: 'B-3', category: 'B', name: 'z', amountFen: 300 },
  ],
});

describe('reviewerDecision', () => {
  const decisions = Array.from({ length: 400 }, (_, n) => [claim(n), reviewerDecision(claim(n) as never, 7)] as const);

  it('is the same for the same seed and claim, another for another seed', () => {
    expect(reviewerDecision(claim(3) as never, 7)).toEqual(decisions[3]![1]);
    const other = decisions.filter(([c, d]) => JSON.stringify(reviewerDecision(c as never, 8)) !== JSON.stringify(d));
    expect(other.length).toBeGreaterThan(100);
  });

  it('decides in office hours, at least an hour after the claim', () => {
    for (const [c, d] of decisions) {
      expect(Date.parse(d.at) - Date.parse(c.at), d.id).toBeGreaterThanOrEqual(3_600_000);
      const hour = Number(d.at.slice(11, 13));
      expect(d.at.endsWith('+08:00') && hour >= 9 && hour < 18, d.at).toBe(true);
    }
  });

  it('approves most, rejects some and cuts lines from a few, self-funded lines first', () => {
    const approve = decisions.filter(([, d]) => d.decision === 'approve' && (d.rejectedLines ?? []).length === 0).length;
    const reject = decisions.filter(([, d]) => d.decision === 'reject');
    const cut = decisions.filter(([, d]) => (d.rejectedLines ?? []).length > 0);
    expect(approve).toBeGreaterThan(400 * 0.7);
    expect(reject.length).toBeGreaterThan(20);
    expect(cut.length).toBeGreaterThan(10);
    for (const [, d] of reject) expect(d.rejectedLines).toEqual([]);
    for (const [, d] of cut) {
      expect(d.decision).toBe('approve');
      expect(d.rejectedLines?.[0]).toBe('O-2');
    }
  });
});
