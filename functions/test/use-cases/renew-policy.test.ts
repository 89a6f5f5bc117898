/**
 * use-cases/renew-policy.ts: one policy's renewal in a campaign, applied once under
 * `<campaignId>/<policyId>`; a conflict (the payer's account changed meanwhile)
 * loads and decides again.
 */
import type { MemberId, PlanId, Policy, RenewalCampaignEvent, World } from '@medins/engine';
import { ConflictError, TransientError } from '@medins/store/errors';
import type { CommitInput, CommitOutcome, Loaded } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { conflictBackoff, MAX_CONFLICT_RETRIES, renewPolicy } from '../../src/use-cases/renew-policy.ts';
import { MemoryStore } from '../support/memory-store.ts';
import { exampleDoc, fixture, settle } from '../support/scenarios.ts';

const RENEWAL = '06-special-drugs-assistance-renewal';

/**
 * The renewal example with its claims settled (in `store`, if given, else the
 * fixture's): d pays 惠衢保 for itself and for e from one account.
 */
async function renewalFixture(makeStore?: (world: World) => MemoryStore) {
  const f = fixture(exampleDoc(RENEWAL));
  const store = makeStore ? makeStore(f.scenario.world) : f.store;
  for (const e of f.scenario.events) if (e.type !== 'renewalCampaign') await settle(store, e);
  const campaign = f.event('rc1') as RenewalCampaignEvent;
  const policy = (id: string) => f.scenario.world.policies.find((p) => p.id === id) as Policy;
  const premium = f.scenario.world.catalog.product('huiqubao-2022' as PlanId)!.premiumFen;
  return { f, store, campaign, policy, premium };
}

describe('renewPolicy', () => {
  it('renews a policy once: the premium is taken once, a second run answers with the first result', async () => {
    // Prepare
    const { f, campaign, policy, premium } = await renewalFixture();
    const before = (await f.store.readBalances('d' as MemberId))!;

    // Act
    const first = await renewPolicy(f.store, campaign, policy('pol-d'));
    const second = await renewPolicy(f.store, campaign, policy('pol-d'));

    // Assess
    expect(first.result).toEqual({ id: 'rc1/pol-d', type: 'policyRenewal', status: 'renewed', policyId: 'pol-d', reasons: [] });
    // The second run owes the same notification under the same id: the page step publishes it again (at least once).
    expect(first.notifications.map((n) => n.notificationId)).toEqual(['rc1/pol-d|d|renewed']);
    expect(second).toEqual(first);
    const after = (await f.store.readBalances('d' as MemberId))!;
    expect(before.historicalFen - after.historicalFen).toBe(premium);
    expect(await f.store.readApplied('rc1/pol-d')).toEqual({ result: first.result, event: { campaignId: 'rc1', policyId: 'pol-d' } });
  });

  it('retries a ConflictError on the first commit and renews the policy once, on the balance the other event left', async () => {
    // Prepare: between the renewal's load and its commit, the payer's own policy is renewed (another event on d's account).
    let interleaved = false;
    class RacingStore extends MemoryStore {
      override async commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome> {
        if (!interleaved && input.eventId === 'rc1/pol-e') {
          interleaved = true;
          await renewPolicy(this, campaign, policy('pol-d'));
        }
        return super.commit(input, loaded);
      }
    }
    const { store, campaign, policy, premium } = await renewalFixture((world) => new RacingStore(world));
    const before = (await store.readBalances('d' as MemberId))!;
    const commitsBefore = store.commits;

    // Act
    const result = await renewPolicy(store, campaign, policy('pol-e'));

    // Assess: both renewed, each premium taken once, two commits in all.
    expect(interleaved).toBe(true);
    expect(result.result).toMatchObject({ id: 'rc1/pol-e', status: 'renewed' });
    expect(store.commits - commitsBefore).toBe(2);
    expect((await store.readBalances('d' as MemberId))!.historicalFen).toBe(before.historicalFen - 2 * premium);
    expect((await store.listPolicyPage('huiqubao-2022', null, 10)).policies.map((p) => p.insuredId)).toEqual(['d', 'e']);
  });

  it(`gives up after ${MAX_CONFLICT_RETRIES} retries, and rethrows anything but a conflict at once`, async () => {
    let commits = 0;
    let error: Error = new ConflictError('always');
    class FailingStore extends MemoryStore {
      override async commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome> {
        if (!input.eventId.startsWith('rc1/')) return super.commit(input, loaded);
        commits++;
        throw error;
      }
    }
    const { store, campaign, policy } = await renewalFixture((world) => new FailingStore(world));

    await expect(renewPolicy(store, campaign, policy('pol-d'))).rejects.toThrow(ConflictError);
    expect(commits).toBe(MAX_CONFLICT_RETRIES + 1);
    commits = 0;
    error = new TransientError('throttled');
    await expect(renewPolicy(store, campaign, policy('pol-d'))).rejects.toThrow(TransientError);
    expect(commits).toBe(1);
  });

  it('waits only milliseconds before the first conflict retry', async () => {
    const started = performance.now();
    await conflictBackoff(0);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
