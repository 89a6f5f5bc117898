/**
 * The hot family of a chaos run: one family group of the world whose holder's
 * account sits just above the region's reserve, and a burst of claims of its
 * bound relatives, all at the same moment, every one of which would draw on that
 * account (the relatives' own accounts are emptied). Built from the workload's
 * own claims (re-addressed), so every claim is one the city really produces.
 */
import { PipelineError } from '../pipeline.ts';

type Doc = Record<string, unknown>;
type Member = {
  id: string;
  region: string;
  status: string;
  scheme: string;
  personalAccount?: { currentFen: number; historicalFen: number } | null;
};
type Group = { holderId: string; members: { memberId: string; validFrom: string; validTo: string | null }[] };
type Claim = {
  id: string;
  type: string;
  at: string;
  memberId: string;
  cardHolderId: string;
  providerId: string;
  visitType: string;
  serviceDate: string;
  lines: unknown[];
};

export interface HotFamily {
  readonly holderId: string;
  readonly relatives: readonly string[];
  readonly claimIds: readonly string[];
}

/** Adds the hot family's claims to `doc` (in place of the moment chosen) and tunes its accounts. */
export function addHotFamily(
  doc: Doc & { events: Doc[] },
  options: { claims: number; reserveFen: number; aboveReserveFen: number; year: number },
): HotFamily {
  const members = doc.members as Member[];
  const byId = new Map(members.map((m) => [m.id, m]));
  const events = doc.events as Claim[];
  const claims = events.filter((e) => e.type === 'claim' && (e.visitType === 'outpatient' || e.visitType === 'pharmacy'));
  // Half an hour into the service year: before anything else of the year has touched the holder's account.
  const at = `${options.year}-01-01T00:30:00+08:00`;
  const open = (b: Group['members'][number]) => b.validFrom < at && (b.validTo === null || b.validTo > `${options.year}-12-31`);
  const candidates = (doc.familyGroups as Group[])
    .map((g) => ({
      g,
      holder: byId.get(g.holderId),
      relatives: g.members
        .filter(open)
        .map((b) => byId.get(b.memberId)!)
        .filter((m) => m?.status === 'active'),
    }))
    .filter((c) => c.holder?.status === 'active' && c.holder.personalAccount && c.relatives.length > 0)
    .sort((a, b) => b.relatives.length - a.relatives.length);
  const hot = candidates[0];
  if (!hot) throw new PipelineError('the workload has no family group to make hot', { entity: 'familyGroups' });
  const holder = hot.holder!;
  holder.personalAccount = { currentFen: options.reserveFen + options.aboveReserveFen, historicalFen: 0 };
  for (const r of hot.relatives) if (r.personalAccount) r.personalAccount = { currentFen: 0, historicalFen: 0 };
  // Templates: the city's outpatient and pharmacy claims at providers of the relatives' region.
  const templates = claims.filter((c) => byId.get(c.memberId)?.region === hot.relatives[0]!.region);
  if (templates.length === 0)
    throw new PipelineError('the workload has no outpatient or pharmacy claim to copy for the hot family', { entity: 'events' });
  const claimIds: string[] = [];
  const burst: Claim[] = [];
  for (let n = 0; n < options.claims; n++) {
    const t = templates[n % templates.length]!;
    const patient = hot.relatives[n % hot.relatives.length]!;
    const id = `hot-${String(n).padStart(3, '0')}`;
    claimIds.push(id);
    burst.push({ ...t, id, at, memberId: patient.id, cardHolderId: patient.id, serviceDate: at.slice(0, 10) });
  }
  // All at once: right where the timeline reaches the chosen moment.
  const index = events.findIndex((e) => e.at >= at);
  (doc.events as Claim[]).splice(index < 0 ? events.length : index, 0, ...burst);
  return { holderId: holder.id, relatives: hot.relatives.map((r) => r.id), claimIds };
}
