/**
 * summary.ts: the counts agree with the document, redeliveries counted apart.
 */

import { generateWorkload, summarizeWorkload } from '@medins/workload';
import { describe, expect, it } from 'vitest';

describe('summarizeWorkload', () => {
  it('counts members, events by type, claims and money consistently', () => {
    // Prepare
    const doc = generateWorkload({ members: 500, claims: 700, seed: 5 });
    // Act
    const s = summarizeWorkload(doc);
    // Assess
    expect(s.members.total).toBe(500);
    expect(s.members.employee + s.members.resident).toBe(500);
    expect(Object.values(s.events.byType).reduce((a, b) => a + b, 0)).toBe(doc.events.length);
    expect(s.events.total - s.events.repeated).toBe(new Set(doc.events.map((e) => e.id)).size);
    expect(s.claims.total).toBe(700);
    expect(Object.values(s.claims.byVisitType).reduce((a, b) => a + b, 0)).toBe(700);
    expect(Object.values(s.claims.byCategoryFen).reduce((a, b) => a + b, 0)).toBe(s.claims.totalFen);
    expect(s.enrollments.late).toBeGreaterThan(0);
    expect(s.events.first! <= s.events.last!).toBe(true);
  });
});
