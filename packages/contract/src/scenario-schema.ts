/**
 * The scenario document: a world and a timeline of events (contract version 1),
 * with the rules that tie its parts together — unique ids, references that
 * resolve, one basic plan per scheme, region and year, one group per person.
 */
import { z } from 'zod';
import { EventSchema } from './event-schema.ts';
import {
  FamilyGroupSchema,
  MemberSchema,
  PlanSchema,
  PolicySchema,
  ProviderSchema,
  RegionSchema,
  ReviewRulesSchema,
} from './world-schema.ts';

export const CONTRACT_VERSION = 1;

const ScenarioShape = z.strictObject({
  version: z.literal(CONTRACT_VERSION, { error: `must be ${CONTRACT_VERSION} (this engine reads contract version ${CONTRACT_VERSION})` }),
  description: z.union([z.string(), z.array(z.string())]).optional(),
  regions: z.array(RegionSchema).default([]),
  plans: z.array(PlanSchema),
  providers: z.array(ProviderSchema),
  members: z.array(MemberSchema),
  familyGroups: z.array(FamilyGroupSchema).default([]),
  policies: z.array(PolicySchema).default([]),
  review: ReviewRulesSchema.optional(),
  events: z.array(EventSchema),
});

type Shape = z.infer<typeof ScenarioShape>;
type Issue = { path: (string | number)[]; message: string };

function duplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  field: string,
  listName: string,
  say: string,
  out: Issue[],
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (key === null) return;
    const first = seen.get(key);
    if (first !== undefined) out.push({ path: [listName, i, field], message: `${say} (same as ${listName}[${first}])` });
    else seen.set(key, i);
  });
}

/** Cross-field rules of a scenario; every issue names the path of the offending field. */
export function scenarioIssues(doc: Shape): Issue[] {
  const out: Issue[] = [];
  duplicates(doc.regions, (r) => r.code, 'code', 'regions', 'duplicate region code', out);
  duplicates(doc.plans, (p) => p.id, 'id', 'plans', 'duplicate plan id', out);
  duplicates(doc.providers, (p) => p.id, 'id', 'providers', 'duplicate provider id', out);
  duplicates(doc.members, (m) => m.id, 'id', 'members', 'duplicate member id', out);
  duplicates(doc.policies, (p) => p.id, 'id', 'policies', 'duplicate policy id', out);
  duplicates(doc.policies, (p) => `${p.productId}|${p.insuredId}`, 'insuredId', 'policies', 'one policy per insured per product', out);
  duplicates(
    doc.plans,
    (p) => (p.tier === 'basic' ? `${p.scheme}|${p.region}|${p.year}` : null),
    'scheme',
    'plans',
    'a second basic plan for the same scheme, region and year',
    out,
  );
  duplicates(
    doc.plans,
    (p) => (p.tier === 'assistance' ? `${p.region}|${p.year}` : null),
    'region',
    'plans',
    'a second assistance plan for the same region and year',
    out,
  );
  doc.plans.forEach((p, i) => {
    if (p.tier !== 'criticalIllness') return;
    for (const s of p.schemes) {
      const other = doc.plans.findIndex(
        (q) => q !== p && q.tier === 'criticalIllness' && q.region === p.region && q.year === p.year && q.schemes.includes(s),
      );
      if (other >= 0 && other < i)
        out.push({
          path: ['plans', i, 'schemes'],
          message: `a second critical-illness plan for scheme ${s} in the same region and year (same as plans[${other}])`,
        });
    }
    let last = -1;
    p.bands.forEach((b, j) => {
      if (b.uptoFen === null && j !== p.bands.length - 1)
        out.push({ path: ['plans', i, 'bands', j, 'uptoFen'], message: 'only the last band may be open (null)' });
      if (b.uptoFen !== null && b.uptoFen <= last)
        out.push({ path: ['plans', i, 'bands', j, 'uptoFen'], message: 'band bounds must increase' });
      if (b.uptoFen !== null) last = b.uptoFen;
    });
  });
  doc.plans.forEach((p, i) => {
    if (p.tier !== 'supplementary') return;
    if (p.coverage.to < p.coverage.from) out.push({ path: ['plans', i, 'coverage', 'to'], message: 'coverage ends before it starts' });
    if (Date.parse(p.enrollment.closesAt) < Date.parse(p.enrollment.opensAt))
      out.push({ path: ['plans', i, 'enrollment', 'closesAt'], message: 'enrollment closes before it opens' });
    const own: Issue[] = [];
    duplicates(p.responsibilities, (r) => r.id, 'id', 'responsibilities', 'duplicate responsibility id', own);
    for (const issue of own) out.push({ ...issue, path: ['plans', i, ...issue.path] });
  });

  const members = new Set(doc.members.map((m) => m.id));
  const providers = new Set(doc.providers.map((p) => p.id));
  const products = new Set(doc.plans.filter((p) => p.tier === 'supplementary').map((p) => p.id));
  doc.members.forEach((m, i) => {
    if (!m.idNumber && !m.birthDate)
      out.push({ path: ['members', i, 'idNumber'], message: 'a member needs an idNumber, or a birthDate when a newborn has none yet' });
    if (m.personalAccount && m.scheme !== 'employee')
      out.push({ path: ['members', i, 'personalAccount'], message: 'only employee members have a personal account' });
  });

  const inGroup = new Map<string, string>();
  doc.familyGroups.forEach((g, i) => {
    const where = `familyGroups[${i}]`;
    if (!members.has(g.holderId)) out.push({ path: ['familyGroups', i, 'holderId'], message: `unknown member ${g.holderId}` });
    g.members.forEach((b, j) => {
      const path = ['familyGroups', i, 'members', j, 'memberId'];
      if (!members.has(b.memberId)) out.push({ path, message: `unknown member ${b.memberId}` });
      if (b.memberId === g.holderId) out.push({ path, message: 'a holder cannot be a member of their own group' });
      const previous = inGroup.get(b.memberId);
      if (previous) out.push({ path, message: `member ${b.memberId} already takes part in ${previous} (one group per person)` });
      inGroup.set(b.memberId, where);
    });
  });
  doc.familyGroups.forEach((g, i) => {
    const asMember = inGroup.get(g.holderId);
    if (asMember && g.members.length > 0)
      out.push({
        path: ['familyGroups', i, 'holderId'],
        message: `holder ${g.holderId} is also a member in ${asMember} (one group per person)`,
      });
  });
  duplicates(doc.familyGroups, (g) => g.holderId, 'holderId', 'familyGroups', 'a holder sets up one group', out);

  doc.policies.forEach((p, i) => {
    if (!products.has(p.productId))
      out.push({ path: ['policies', i, 'productId'], message: `unknown supplementary product ${p.productId}` });
    if (!members.has(p.insuredId)) out.push({ path: ['policies', i, 'insuredId'], message: `unknown member ${p.insuredId}` });
    if (!members.has(p.payerId)) out.push({ path: ['policies', i, 'payerId'], message: `unknown member ${p.payerId}` });
  });

  doc.events.forEach((e, i) => {
    if ((e.type === 'claim' || e.type === 'quote') && !providers.has(e.providerId)) {
      out.push({ path: ['events', i, 'providerId'], message: `unknown provider ${e.providerId}` });
    }
    if (e.type === 'renewalCampaign') {
      if (!products.has(e.fromProductId))
        out.push({ path: ['events', i, 'fromProductId'], message: `unknown supplementary product ${e.fromProductId}` });
      if (!products.has(e.toProductId))
        out.push({ path: ['events', i, 'toProductId'], message: `unknown supplementary product ${e.toProductId}` });
    }
  });
  return out;
}

export const ScenarioSchema = ScenarioShape.superRefine((doc, ctx) => {
  for (const issue of scenarioIssues(doc)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type ScenarioDoc = z.infer<typeof ScenarioSchema>;
/** The document as written, before defaults (for generators and tests). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
