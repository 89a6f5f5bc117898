/**
 * event-schema.ts: every event type the contract defines, in its minimal and its
 * full form; the defaults it fills in; the fields it refuses, each named by path.
 */
import { describe, expect, it } from 'vitest';
import {
  CostLineSchema,
  EVENT_TYPES,
  EventSchema,
  issuesOf,
  MAX_CLAIM_TOTAL_FEN,
  RelativeProofSchema,
  ViewerProofSchema,
} from '../src/index.ts';
import { fullEvents, minimalEvents, patched } from './support/documents.ts';

/** The issues an event is refused with (`path: rule`), or [] when accepted. */
function refusals(value: unknown): string[] {
  const parsed = EventSchema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`);
}

describe('EventSchema: each event type', () => {
  it('has a minimal and a full example here for every type it knows', () => {
    expect(Object.keys(minimalEvents()).sort()).toEqual([...EVENT_TYPES].sort());
    expect(Object.keys(fullEvents()).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENT_TYPES)('accepts a minimal %s', (type) => {
    expect(refusals(minimalEvents()[type])).toEqual([]);
  });

  it.each(EVENT_TYPES)('accepts a full %s', (type) => {
    expect(refusals(fullEvents()[type])).toEqual([]);
  });

  it.each(EVENT_TYPES)('refuses an unknown field on a %s, naming it', (type) => {
    expect(refusals({ ...minimalEvents()[type], comment: 'x' })).toEqual([
      '(document): unknown field "comment" (not part of the contract)',
    ]);
  });

  it.each(EVENT_TYPES)('requires the id and the time of a %s', (type) => {
    // Prepare
    const { id: _id, at: _at, ...rest } = minimalEvents()[type];

    // Act & Assess
    expect(refusals(rest)).toEqual([
      'id: is required (must be an id string)',
      'at: is required (must be an ISO 8601 time with an offset, like 2021-03-01T10:00:00+08:00)',
    ]);
  });

  it('refuses an unknown type, listing the known ones', () => {
    expect(refusals({ ...minimalEvents().reverseClaim, type: 'refund' })).toEqual([`type: type must be one of ${EVENT_TYPES.join(', ')}`]);
  });

  it('refuses a time without offset', () => {
    expect(refusals({ ...minimalEvents().unbindFamily, at: '2021-03-02T10:00:00' })).toEqual([
      'at: must be a real ISO 8601 time with an offset (Z or ±hh:mm), like 2021-03-01T10:00:00+08:00',
    ]);
  });
});

describe('EventSchema: defaults', () => {
  it('uses the account by default on a claim and a quote', () => {
    expect(EventSchema.parse(minimalEvents().claim)).toMatchObject({ useAccount: true });
    expect(EventSchema.parse(minimalEvents().quote)).toMatchObject({ useAccount: true });
    expect(EventSchema.parse(fullEvents().claim)).toMatchObject({ useAccount: false });
  });

  it('leaves a family binding open-ended by default', () => {
    expect(EventSchema.parse(minimalEvents().bindFamily)).toMatchObject({ validTo: null });
  });

  it('takes a viewer binding as not face-verified by default', () => {
    expect(EventSchema.parse(minimalEvents().bindViewer)).toMatchObject({ faceVerified: false });
  });

  it('keeps an enrollment without real-name data without inventing one', () => {
    // Act
    const enroll = EventSchema.parse(minimalEvents().enroll);

    // Assess
    expect(enroll).not.toHaveProperty('realName');
    expect(refusals({ ...minimalEvents().enroll, realName: null })).toEqual([]);
  });
});

describe('EventSchema: claims and quotes', () => {
  it('needs at least one cost line', () => {
    expect(refusals({ ...minimalEvents().claim, lines: [] })).toEqual(['lines: a visit has at least one cost line']);
  });

  it('takes 1000 cost lines and refuses 1001', () => {
    // Prepare
    const line = { code: 'X1', category: 'A', amountFen: 1 };

    // Act & Assess
    expect(refusals({ ...minimalEvents().claim, lines: Array(1000).fill(line) })).toEqual([]);
    expect(refusals({ ...minimalEvents().quote, lines: Array(1001).fill(line) })).toEqual(['lines: a visit has at most 1000 cost lines']);
  });

  it('takes a total of exactly 100 million yuan and refuses one fen more, claims and quotes alike', () => {
    // Prepare: two lines, each far under the per-line ceiling (10¹² fen).
    const lines = (second: number) => [
      { code: 'A1', category: 'A', amountFen: 6_000_000_000 },
      { code: 'A2', category: 'A', amountFen: second },
    ];

    // Act & Assess
    expect(MAX_CLAIM_TOTAL_FEN).toBe(10_000_000_000);
    expect(refusals({ ...minimalEvents().claim, lines: lines(4_000_000_000) })).toEqual([]);
    for (const event of [minimalEvents().claim, minimalEvents().quote])
      expect(refusals({ ...event, lines: lines(4_000_000_001) })).toEqual([
        "lines: the lines' total must be at most 10000000000 fen (100 million yuan)",
      ]);
  });

  it('needs the selfPayRatio of a B line, at the line', () => {
    expect(refusals(patched(minimalEvents().claim, ['lines', 0], { category: 'B' }))).toEqual([
      'lines[0].selfPayRatio: a B line needs its selfPayRatio (先行自付比例), a ratio between 0 and 1',
    ]);
  });

  it('refuses an unknown field on a line with the line path', () => {
    expect(refusals(patched(fullEvents().claim, ['lines', 2], { price: 3 }))).toEqual([
      'lines[2]: unknown field "price" (not part of the contract)',
    ]);
  });

  it('refuses a negative or fractional amount and an unknown visit type or category', () => {
    // Prepare
    const claim = patched(patched(fullEvents().claim, ['lines', 0], { amountFen: -5 }), ['lines', 3], { amountFen: 1.5, category: 'C' });

    // Act & Assess
    expect(refusals({ ...(claim as object), visitType: 'emergency' })).toEqual([
      'visitType: must be one of inpatient, specialOutpatient, outpatient, pharmacy',
      'lines[0].amountFen: must not be negative',
      'lines[3].category: must be one of A, B, OOC, nonMedical',
      'lines[3].amountFen: must be an integer number of fen (no fractions)',
    ]);
  });

  it('refuses a service date that is not a calendar date', () => {
    expect(refusals({ ...minimalEvents().claim, serviceDate: '2021-02-29' })).toEqual([
      'serviceDate: must be a real calendar date YYYY-MM-DD',
    ]);
  });

  it('lets CostLineSchema accept a B line with its ratio and an OOC line with onLabel', () => {
    expect(CostLineSchema.safeParse({ code: 'X2', category: 'B', amountFen: 1, selfPayRatio: 0 }).success).toBe(true);
    expect(CostLineSchema.safeParse({ code: 'SD01', category: 'OOC', amountFen: 1, onLabel: false }).success).toBe(true);
  });
});

describe('EventSchema: enrollments and bindings', () => {
  it('takes payment from the account or in cash, nothing else', () => {
    expect(refusals({ ...minimalEvents().enroll, payment: 'card' })).toEqual(['payment: must be "personalAccount" or "cash"']);
  });

  it('refuses an unknown field inside the real-name block, with its path', () => {
    expect(refusals(patched(fullEvents().enroll, ['realName'], { gender: 'f' }))).toEqual([
      'realName: unknown field "gender" (not part of the contract)',
    ]);
  });

  it('lets a request name any relationship word but not a phrase', () => {
    expect(refusals({ ...minimalEvents().bindFamily, relationship: 'cousin' })).toEqual([]);
    expect(refusals({ ...minimalEvents().bindFamily, relationship: 'step-child' })).toEqual([
      'relationship: must be a relationship word such as spouse, parent or child',
    ]);
  });

  it('refuses a proof of an unknown kind at proof.kind', () => {
    expect(refusals(patched(minimalEvents().bindViewer, ['proof'], { kind: 'passport' }))).toEqual([
      'proof.kind: proof kind must be "idNumber" or "birthCertificate"',
    ]);
  });

  it('refuses a field of the other proof kind, at the proof', () => {
    expect(refusals(patched(minimalEvents().bindViewer, ['proof'], { certificateNo: 'O330123456' }))).toEqual([
      'proof: unknown field "certificateNo" (not part of the contract)',
    ]);
  });

  it('needs a birth certificate number', () => {
    expect(refusals(patched(fullEvents().bindViewer, ['proof'], { certificateNo: '' }))).toEqual([
      'proof.certificateNo: Too small: expected string to have >=1 characters',
    ]);
  });

  it('lets ViewerProofSchema take either proof kind', () => {
    expect(ViewerProofSchema.safeParse(minimalEvents().bindViewer.proof).success).toBe(true);
    expect(ViewerProofSchema.safeParse(fullEvents().bindViewer.proof).success).toBe(true);
  });

  it('takes the same proof on a family binding as on a viewer binding, refused at the same paths', () => {
    expect(ViewerProofSchema).toBe(RelativeProofSchema);
    expect(refusals({ ...minimalEvents().bindFamily, proof: fullEvents().bindViewer.proof })).toEqual([]);
    expect(refusals({ ...minimalEvents().bindFamily, proof: { kind: 'passport' } })).toEqual([
      'proof.kind: proof kind must be "idNumber" or "birthCertificate"',
    ]);
    expect(refusals(patched(fullEvents().bindFamily, ['proof'], { certificateNo: 'O330123456' }))).toEqual([
      'proof: unknown field "certificateNo" (not part of the contract)',
    ]);
  });

  it('takes a visit id under the id rule: not empty, no spaces or |', () => {
    expect(refusals({ ...minimalEvents().quote, visitId: 'ZY2021-000123' })).toEqual([]);
    expect(refusals({ ...minimalEvents().claim, visitId: '' })).toContain('visitId: must not be empty');
    expect(refusals({ ...minimalEvents().claim, visitId: 'a|b' })).toEqual([
      'visitId: must not contain spaces, control characters (C0, DEL, C1) or |',
    ]);
  });

  it('refuses a binding window end that is not a time', () => {
    expect(refusals({ ...minimalEvents().bindFamily, validTo: '2021-12-31' })).toEqual([
      'validTo: must be a real ISO 8601 time with an offset (Z or ±hh:mm), like 2021-03-01T10:00:00+08:00',
    ]);
  });
});
