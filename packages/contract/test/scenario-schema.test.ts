/**
 * scenario-schema.ts: the scenario document, and the rules that tie its parts
 * together — unique ids, references that resolve, one basic plan per scheme,
 * region and year, one group per person, increasing band bounds. Every broken
 * rule is reported at the path of the offending field.
 */
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, issuesOf, ScenarioSchema } from '../src/index.ts';
import { appended, fullEvents, minimalEvents, omitted, patched, scenario } from './support/documents.ts';

/** The issues a scenario is refused with (`path: rule`), or [] when accepted. */
function refusals(value: unknown): string[] {
  const parsed = ScenarioSchema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`);
}

// The valid document these tests break: plans[0] basic employee, [1] basic resident, [2] critical
// illness, [3] assistance, [4] huiqubao-2021, [5] huiqubao-2022; members m1 (employee, holder),
// m2 and m3 (residents in m1's group); policies pol-2 (m2) and pol-1 (m1) of huiqubao-2021.
const doc = scenario();

describe('ScenarioSchema: the document', () => {
  it('accepts the valid scenario', () => {
    expect(refusals(doc)).toEqual([]);
  });

  it('accepts the smallest scenario and fills regions, groups and policies with []', () => {
    // Prepare
    const smallest = { version: 1, plans: [], providers: [], members: [], events: [] };

    // Act
    const parsed = ScenarioSchema.parse(smallest);

    // Assess
    expect(parsed).toEqual({ ...smallest, regions: [], familyGroups: [], policies: [] });
  });

  it('reads contract version 1 only', () => {
    expect(CONTRACT_VERSION).toBe(1);
    expect(refusals({ ...doc, version: 2 })).toEqual(['version: must be 1 (this engine reads contract version 1)']);
    expect(refusals(omitted(doc, [], 'version'))).toEqual(['version: must be 1 (this engine reads contract version 1)']);
  });

  it('takes a description as a string or a list of lines', () => {
    expect(refusals({ ...doc, description: 'one line' })).toEqual([]);
    expect(refusals({ ...doc, description: ['two', 'lines'] })).toEqual([]);
  });

  it('refuses an unknown top-level field', () => {
    expect(refusals({ ...doc, audit: { samplePercent: 2 } })).toEqual(['(document): unknown field "audit" (not part of the contract)']);
  });

  it('accepts review rules, each optional, and refuses malformed ones by field', () => {
    expect(refusals({ ...doc, review: {} })).toEqual([]);
    expect(
      refusals({ ...doc, review: { samplePercent: 2.5, valueAtLeastFen: 5_000_000, specialDrugsNeedApproval: true, readmissionDays: 15 } }),
    ).toEqual([]);
    expect(
      refusals({
        ...doc,
        review: { samplePercent: 101, valueAtLeastFen: 1.5, specialDrugsNeedApproval: 'yes', readmissionDays: 2.5, x: 1 },
      }),
    ).toEqual([
      'review.samplePercent: must be a percent between 0 and 100',
      'review.valueAtLeastFen: must be an integer number of fen (no fractions)',
      'review.specialDrugsNeedApproval: must be true or false',
      'review.readmissionDays: must be a whole number of days',
      'review: unknown field "x" (not part of the contract)',
    ]);
  });

  it('names the event of a refused field by its index', () => {
    // Prepare
    const events = [minimalEvents().claim, { ...fullEvents().reverseClaim, reason: 'typo' }];

    // Act & Assess
    expect(refusals({ ...doc, events })).toEqual(['events[1]: unknown field "reason" (not part of the contract)']);
  });

  it('requires the plans, providers, members and events', () => {
    expect(refusals({ version: 1 })).toEqual([
      'plans: is required (expected array, received undefined)',
      'providers: is required (expected array, received undefined)',
      'members: is required (expected array, received undefined)',
      'events: is required (expected array, received undefined)',
    ]);
  });
});

describe('ScenarioSchema: unique ids', () => {
  it.each([
    ['regions', 'code', { code: '330800' }, 'regions[2].code: duplicate region code (same as regions[0])'],
    ['plans', 'id', { ...doc.plans[5], id: 'qz-ci-2021' }, 'plans[6].id: duplicate plan id (same as plans[2])'],
    ['providers', 'id', { ...doc.providers[1], id: 'H-QZ-3' }, 'providers[2].id: duplicate provider id (same as providers[0])'],
    ['members', 'id', { ...doc.members[1], id: 'm1' }, 'members[3].id: duplicate member id (same as members[0])'],
    [
      'policies',
      'id',
      { ...doc.policies![0], id: 'pol-1', productId: 'huiqubao-2022' },
      'policies[2].id: duplicate policy id (same as policies[1])',
    ],
  ])('refuses a second %s entry with the same %s', (list, _field, item, expected) => {
    expect(refusals(appended(doc, [list], item))).toEqual([expected]);
  });

  it('refuses two responsibilities of one product with the same id', () => {
    // Prepare
    const product = doc.plans[4]!;
    const responsibilities = product.tier === 'supplementary' ? product.responsibilities : [];

    // Act
    const issues = refusals(appended(doc, ['plans', 4, 'responsibilities'], { ...responsibilities[0], id: 'R2' }));

    // Assess: the issue's path is the document's; the first occurrence is named within the product
    expect(issues).toEqual(['plans[4].responsibilities[4].id: duplicate responsibility id (same as responsibilities[1])']);
  });
});

describe('ScenarioSchema: one plan of a kind', () => {
  it('refuses a second basic plan for the same scheme, region and year', () => {
    expect(refusals(appended(doc, ['plans'], { ...doc.plans[1], id: 'qz-resident-2021-bis' }))).toEqual([
      'plans[6].scheme: a second basic plan for the same scheme, region and year (same as plans[1])',
    ]);
  });

  it('accepts a basic plan of the same scheme and region for another year', () => {
    expect(refusals(appended(doc, ['plans'], { ...doc.plans[1], id: 'qz-resident-2022', year: 2022 }))).toEqual([]);
  });

  it('refuses a second assistance plan for the same region and year', () => {
    expect(refusals(appended(doc, ['plans'], { ...doc.plans[3], id: 'qz-aid-2021-bis' }))).toEqual([
      'plans[6].region: a second assistance plan for the same region and year (same as plans[3])',
    ]);
  });

  it('refuses a second critical-illness plan covering a scheme already covered in that region and year', () => {
    expect(refusals(appended(doc, ['plans'], { ...doc.plans[2], id: 'qz-ci-2021-bis', schemes: ['resident'] }))).toEqual([
      'plans[6].schemes: a second critical-illness plan for scheme resident in the same region and year (same as plans[2])',
    ]);
  });

  it('accepts two critical-illness plans of one region and year for different schemes', () => {
    // Prepare
    let split = patched(doc, ['plans', 2], { schemes: ['employee'] });
    split = appended(split, ['plans'], { ...doc.plans[2], id: 'qz-ci-2021-resident', schemes: ['resident'] });

    // Act & Assess
    expect(refusals(split)).toEqual([]);
  });
});

describe('ScenarioSchema: critical-illness bands', () => {
  it('refuses bounds that do not increase', () => {
    // Prepare
    const bands = [
      { uptoFen: 10000000, ratio: 0.6 },
      { uptoFen: 10000000, ratio: 0.65 },
      { uptoFen: 5000000, ratio: 0.7 },
      { uptoFen: null, ratio: 0.8 },
    ];

    // Act & Assess
    expect(refusals(patched(doc, ['plans', 2], { bands }))).toEqual([
      'plans[2].bands[1].uptoFen: band bounds must increase',
      'plans[2].bands[2].uptoFen: band bounds must increase',
    ]);
  });

  it('refuses an open band before the last', () => {
    // Prepare
    const bands = [
      { uptoFen: null, ratio: 0.6 },
      { uptoFen: 10000000, ratio: 0.7 },
    ];

    // Act & Assess
    expect(refusals(patched(doc, ['plans', 2], { bands }))).toEqual(['plans[2].bands[0].uptoFen: only the last band may be open (null)']);
  });

  it('accepts closed bands only, and a first bound of 0', () => {
    expect(
      refusals(
        patched(doc, ['plans', 2], {
          bands: [
            { uptoFen: 0, ratio: 0.5 },
            { uptoFen: 1, ratio: 0.6 },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('ScenarioSchema: supplementary windows', () => {
  it('refuses a coverage that ends before it starts', () => {
    expect(refusals(patched(doc, ['plans', 4, 'coverage'], { from: '2021-12-31', to: '2021-01-01' }))).toEqual([
      'plans[4].coverage.to: coverage ends before it starts',
    ]);
  });

  it('accepts a coverage of one day', () => {
    expect(refusals(patched(doc, ['plans', 4, 'coverage'], { from: '2021-06-01', to: '2021-06-01' }))).toEqual([]);
  });

  it('compares enrollment times as instants, whatever their offsets', () => {
    // 2021-01-31T23:00:00+08:00 is 15:00Z, before 16:00Z: closes before it opens
    expect(
      refusals(patched(doc, ['plans', 4, 'enrollment'], { opensAt: '2021-01-31T16:00:00Z', closesAt: '2021-01-31T23:00:00+08:00' })),
    ).toEqual(['plans[4].enrollment.closesAt: enrollment closes before it opens']);
    // 2021-02-01T01:00:00+08:00 is 17:00Z, after 16:00Z
    expect(
      refusals(patched(doc, ['plans', 4, 'enrollment'], { opensAt: '2021-01-31T16:00:00Z', closesAt: '2021-02-01T01:00:00+08:00' })),
    ).toEqual([]);
  });
});

describe('ScenarioSchema: members', () => {
  it('needs an ID number, or a birth date for a newborn', () => {
    expect(refusals(omitted(doc, ['members', 2], 'birthDate'))).toEqual([
      'members[2].idNumber: a member needs an idNumber, or a birthDate when a newborn has none yet',
    ]);
  });

  it('gives a personal account to employee members only', () => {
    expect(refusals(patched(doc, ['members', 1], { personalAccount: { currentFen: 0, historicalFen: 0 } }))).toEqual([
      'members[1].personalAccount: only employee members have a personal account',
    ]);
  });
});

describe('ScenarioSchema: family groups', () => {
  it('refuses an unknown holder and an unknown member', () => {
    // Prepare
    let broken = patched(doc, ['familyGroups', 0], { holderId: 'm9' });
    broken = patched(broken, ['familyGroups', 0, 'members', 1], { memberId: 'm8' });

    // Act & Assess
    expect(refusals(broken)).toEqual([
      'familyGroups[0].holderId: unknown member m9',
      'familyGroups[0].members[1].memberId: unknown member m8',
    ]);
  });

  it('refuses a holder listed as a member of their own group', () => {
    // Act
    const issues = refusals(patched(doc, ['familyGroups', 0, 'members', 1], { memberId: 'm1', relationship: 'self' }));

    // Assess: the one-group-per-person rule sees the same fact from the holder's side
    expect(issues).toEqual([
      'familyGroups[0].members[1].memberId: a holder cannot be a member of their own group',
      'familyGroups[0].holderId: holder m1 is also a member in familyGroups[0] (one group per person)',
    ]);
  });

  it('refuses a member in two groups (one group per person)', () => {
    // Prepare: m2 (a member of m1's group) sets up a group with m3, also in m1's group
    const second = { holderId: 'm2', members: [{ memberId: 'm3', relationship: 'child', validFrom: '2021-01-05T00:00:00+08:00' }] };

    // Act
    const issues = refusals(appended(doc, ['familyGroups'], second));

    // Assess: m3 is already in m1's group; m2, the new holder, is a member there too
    expect(issues).toEqual([
      'familyGroups[1].members[0].memberId: member m3 already takes part in familyGroups[0] (one group per person)',
      'familyGroups[1].holderId: holder m2 is also a member in familyGroups[0] (one group per person)',
    ]);
  });

  it('refuses a holder who is a member of a later group', () => {
    // Prepare: m1 holds group 0 (m2); m3 holds group 1 with m1 in it
    let groups = patched(doc, [], {
      familyGroups: [
        { holderId: 'm1', members: [{ memberId: 'm2', relationship: 'spouse', validFrom: '2021-01-01T00:00:00+08:00' }] },
        { holderId: 'm3', members: [{ memberId: 'm1', relationship: 'parent', validFrom: '2021-01-01T00:00:00+08:00' }] },
      ],
    });
    groups = patched(groups, ['members', 2], { idNumber: '330802198001010016' });

    // Act & Assess
    expect(refusals(groups)).toEqual(['familyGroups[0].holderId: holder m1 is also a member in familyGroups[1] (one group per person)']);
  });

  it('lets a member of a group hold a group without members', () => {
    expect(refusals(appended(doc, ['familyGroups'], { holderId: 'm2', members: [] }))).toEqual([]);
  });

  it('refuses a second group of the same holder', () => {
    expect(refusals(appended(doc, ['familyGroups'], { holderId: 'm1', members: [] }))).toEqual([
      'familyGroups[1].holderId: a holder sets up one group (same as familyGroups[0])',
    ]);
  });
});

describe('ScenarioSchema: policies', () => {
  it('refuses references to an unknown product, insured or payer', () => {
    // Prepare
    const policy = { id: 'pol-9', productId: 'qz-employee-2021', insuredId: 'm7', payerId: 'm8', relationship: 'self', payment: 'cash' };

    // Act & Assess: a basic plan is not a supplementary product
    expect(refusals(appended(doc, ['policies'], policy))).toEqual([
      'policies[2].productId: unknown supplementary product qz-employee-2021',
      'policies[2].insuredId: unknown member m7',
      'policies[2].payerId: unknown member m8',
    ]);
  });

  it('refuses a second policy of one product for the same insured', () => {
    expect(refusals(appended(doc, ['policies'], { ...doc.policies![0], id: 'pol-3', payerId: 'm2', relationship: 'self' }))).toEqual([
      'policies[2].insuredId: one policy per insured per product (same as policies[0])',
    ]);
  });
});

describe('ScenarioSchema: events', () => {
  it('refuses a claim or a quote at an unknown provider', () => {
    // Prepare
    const events = [
      { ...minimalEvents().claim, providerId: 'H-XX-1' },
      { ...minimalEvents().quote, providerId: 'H-XX-2' },
    ];

    // Act & Assess
    expect(refusals({ ...doc, events })).toEqual([
      'events[0].providerId: unknown provider H-XX-1',
      'events[1].providerId: unknown provider H-XX-2',
    ]);
  });

  it('refuses a renewal campaign between unknown products', () => {
    // Prepare
    const events = [{ ...minimalEvents().renewalCampaign, fromProductId: 'qz-aid-2021', toProductId: 'huiqubao-2099' }];

    // Act & Assess
    expect(refusals({ ...doc, events })).toEqual([
      'events[0].fromProductId: unknown supplementary product qz-aid-2021',
      'events[0].toProductId: unknown supplementary product huiqubao-2099',
    ]);
  });

  it('leaves unknown members to the engine: a claim for nobody is a valid document (MEMBER_NOT_FOUND)', () => {
    expect(refusals({ ...doc, events: [{ ...minimalEvents().claim, memberId: 'nobody', cardHolderId: 'nobody' }] })).toEqual([]);
  });

  it('accepts every event type in its full form in one timeline', () => {
    expect(refusals({ ...doc, events: Object.values(fullEvents()) })).toEqual([]);
  });
});
