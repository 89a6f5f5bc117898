/**
 * One step of the renewal benchmark, in its own process so that each measures
 * only itself (run by renewal-bench.ts, not by hand):
 * - `seed --families F --dir D`: writes a renewal world of F households into a
 *   DynamoDB Local database kept in D, chunk by chunk (never the whole world in
 *   memory);
 * - `campaign --families F --dir D`: starts the embedded stack on that database
 *   and runs the campaign through the RenewalWorkflow, with the template's page
 *   size; prints its figures, peak RSS of this process included, as the last line.
 */
import { parseArgs } from 'node:util';
import { parseScenario } from '@medins/contract';
import { readResults, startEmbedded } from '@medins/embedded';
import { statesOf } from '@medins/store';
import { BenchRunError, BenchUsageError } from './errors.ts';
import { type RenewalWorldOptions, renewalChunk, renewalWorld } from './worlds.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { families: { type: 'string' }, dir: { type: 'string' }, year: { type: 'string', default: '2026' } },
});
const mode = positionals[0];
const families = Number(values.families);
const dir = values.dir!;
const options: RenewalWorldOptions = { families, year: Number(values.year), seed: 3 };
const CHUNK = 500;

async function seed(): Promise<void> {
  const embedded = await startEmbedded({ dataDir: dir });
  try {
    const world = renewalWorld(options);
    const catalog = world.catalog;
    await embedded.seed(catalog, parseScenario({ version: 1, ...catalog, members: [], events: [] }, embedded.digest).world);
    let created = 0;
    for (let start = 0; start < families; start += CHUNK) {
      const chunk = renewalChunk(options, start, Math.min(families, start + CHUNK));
      const part = parseScenario(
        { version: 1, ...catalog, members: chunk.members, policies: chunk.policies, events: [] },
        embedded.digest,
      ).world;
      await embedded.store.writeAll(
        'members',
        part.members.map((m) => ({ ...m, memberId: m.id }) as unknown as Record<string, unknown>),
        8,
      );
      await embedded.store.writeAll(
        'accounts',
        [...statesOf(part).values()].map((s) => ({ ...s, version: 1 }) as unknown as Record<string, unknown>),
        8,
      );
      // Creation order across chunks: the campaign walks the policies in it.
      await embedded.store.writeAll(
        'policies',
        part.policies.map((p) => ({
          ...p,
          sk: `insured|${p.insuredId}`,
          policyId: p.id,
          createdKey: `${String(created++).padStart(17, '0')}|${p.insuredId}`,
          seeded: true,
        })),
        8,
      );
    }
    console.log(`RESULT ${JSON.stringify({ policies: created })}`);
  } finally {
    await embedded.stop();
  }
}

async function campaign(): Promise<void> {
  const embedded = await startEmbedded({ dataDir: dir });
  try {
    const world = renewalWorld(options);
    const rssAtStartMiB = process.memoryUsage().rss / 2 ** 20;
    const started = performance.now();
    // As runCampaignWorkflow does, keeping the execution's result to weigh its history.
    const run = await embedded.workflows.renewal.run({ event: world.campaign, attempt: 0 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 'SUCCEEDED') throw new BenchRunError(`the campaign ended ${run.status}`, { entity: world.campaign.id });
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    // What the local interpreter kept of the execution (every state's input and output).
    const historyMiB = Buffer.byteLength(JSON.stringify(run.events)) / 2 ** 20;
    const [report] = (await readResults(embedded.store, [world.campaign.id])) as {
      renewed: number;
      failed: number;
      reminded: number;
      skipped: number;
    }[];
    // Every policy walked was renewed, reminded (failed ones included) or skipped.
    const walked = report!.renewed + report!.reminded + report!.skipped;
    console.log(
      `RESULT ${JSON.stringify({ policies: walked, seconds, policiesPerSec: walked / seconds, peakRssMiB, rssAtStartMiB, historyEvents: run.events.length, historyMiB, transitions: run.transitions, report })}`,
    );
  } finally {
    await embedded.stop();
  }
}

if (mode === 'seed') await seed();
else if (mode === 'campaign') await campaign();
else throw new BenchUsageError('usage: renewal-child.ts seed|campaign --families N --dir DIR');
process.exit(0);
