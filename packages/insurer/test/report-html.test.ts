/**
 * report.html in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core): the page loads offline with no console error and no request
 * leaving it, each chart draws, and a screenshot is written. CI installs chromium
 * (.ci/run); a machine without it fails here, naming the path it looked at.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenario } from '@medins/contract';
import { replay } from '@medins/engine';
import { generateWorkload } from '@medins/workload';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSetting } from '../src/parameters.ts';
import { reportData, throughputOf } from '../src/report-data.ts';
import { chartsOf, reportHtml } from '../src/report-html.ts';
import type { InsurerRun } from '../src/run.ts';
import { whatIf } from '../src/whatif.ts';

/** Debian's chromium (apt-get install chromium), or the one CHROMIUM_PATH names. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const doc = generateWorkload({ members: 300, claims: 400, seed: 8 });
const scenario = parseScenario(doc);
const outcome = replay(scenario.world, scenario.events);
const run: InsurerRun = { world: scenario.world, events: scenario.events, results: outcome.results, balances: outcome.balances };
const data = reportData(run, {
  title: 'Test city 测试',
  throughput: throughputOf(Array.from({ length: 400 }, (_, i) => i * 37)),
  whatIf: whatIf(doc, [parseSetting('huiqubao-2024.R2.deductibleFen=500000'), parseSetting('huiqubao-2024.R1.ratio=0.6')]),
});
const dir = mkdtempSync(join(tmpdir(), 'medins-report-'));
const file = join(dir, 'report.html');
writeFileSync(file, reportHtml(data));

describe('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (CI's .ci/run does), or set CHROMIUM_PATH`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('has every chart, the data inlined and nothing to fetch', () => {
    const html = readFileSync(file, 'utf8');
    expect(chartsOf(data).map((c) => c.id)).toEqual([
      'paid-by-month',
      'rejections',
      'loss-ratio',
      'throughput',
      'whatif-paid',
      'whatif-visit-type',
      'whatif-age-band',
    ]);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain("default-src 'none'");
  });

  it('loads with no console error, draws each chart, and writes a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    // Page code as text: the project's TypeScript has no DOM types (it never runs in a browser but here).
    await page.waitForFunction("document.body.dataset.ready === 'true'", undefined, { timeout: 30_000 });
    await page.waitForFunction("[...document.querySelectorAll('[data-chart]')].every((el) => el.dataset.rendered === 'true')", undefined, {
      timeout: 30_000,
    });
    // Each chart's canvas has ink on it: more than a thousand pixels that are not transparent.
    const inked = (await page.evaluate(`[...document.querySelectorAll('[data-chart]')].map((el) => {
      const canvas = el.querySelector('canvas');
      const ctx = canvas && canvas.getContext('2d');
      if (!ctx) return [el.id, 0];
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ink++;
      return [el.id, ink];
    })`)) as [string, number][];
    expect(inked.map(([id]) => id)).toEqual(chartsOf(data).map((c) => c.id));
    for (const [id, ink] of inked) expect(ink, id).toBeGreaterThan(1000);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 90_000);
});
