/**
 * `npm run explain -- DIR CLAIM_ID` (src/explain.ts): on every claim and quote of a
 * run the statement's parts add up to its total, each read from the EOB; unknown ids
 * and non-claims exit 2; no clear personal data is printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimResult } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { execute } from '../src/args.ts';
import { explainCommand, statementOf } from '../src/explain.ts';
import { readRunDir } from '../src/export/run-dir.ts';
import { capture, makeRunDir } from './support/run-dir.ts';

/** "12,345.67 元" → 1234567 fen, exactly. */
const fenOf = (text: string) => {
  const m = /^(-?)([\d,]+)\.(\d{2}) 元$/.exec(text);
  if (!m) throw new Error(`not yuan: ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replaceAll(',', '')) * 100 + Number(m[3]));
};

describe('npm run explain', () => {
  const dir = makeRunDir({ members: 200, claims: 300, seed: 9 });
  const run = readRunDir(dir);
  const claims = run.results.filter((r): r is ClaimResult => r.type === 'claim' || r.type === 'quote');

  it('prints, for every claim and quote, parts that add up to the total billed', () => {
    expect(claims.length).toBeGreaterThan(250);
    let paid = 0;
    for (const r of claims) {
      const text = statementOf(run, r.id);
      const total = fenOf(/费用总额 total：(.+?) {2}\[totalFen\]/.exec(text)![1]!);
      expect(total, r.id).toBe(r.totalFen);
      if (r.status === 'rejected') {
        expect(text, r.id).toMatch(/拒付原因 Why nothing was paid/);
        for (const reason of r.reasons) expect(text, r.id).toContain(`[${reason.code}]`);
        continue;
      }
      paid++;
      const section = text.slice(text.indexOf('、合计 Who paid what'));
      const parts = [...section.matchAll(/^ {2}\S.*?：(.+? 元) {2}\[(\S+)\]$/gm)].map((m) => fenOf(m[1]!));
      expect(parts.length, r.id).toBe(7);
      expect(
        parts.reduce((s, x) => s + x, 0),
        r.id,
      ).toBe(total);
      expect(section, r.id).toContain('= 合计 total：');
      expect(section, r.id).not.toContain('does not add up');
    }
    expect(paid).toBeGreaterThan(200);
  });

  it('shows the member masked, never the clear name, ID number or phone', () => {
    const text = claims.map((r) => statementOf(run, r.id)).join('\n');
    // The clear values are only in the input document (the run's members are sealed).
    const doc = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as {
      members: { id: string; name: string; idNumber?: string | null }[];
    };
    for (const m of doc.members) {
      if (m.name.length >= 2) expect(text.includes(m.name), m.id).toBe(false);
      if (m.idNumber) expect(text.includes(m.idNumber), m.id).toBe(false);
    }
  });

  it('exits 2 for an id that is not a claim or quote of the run', async () => {
    const { out, io } = capture();
    const enrollment = run.results.find((r) => r.type === 'enroll')!.id;
    const main = ({ operands }: { operands: readonly string[] }) => {
      io.stdout.write(statementOf(readRunDir(operands[0]!), operands[1]!));
      return 0;
    };
    expect(await execute(explainCommand, [dir, 'nope'], main, io)).toBe(2);
    expect(out.stderr).toMatch(/CLAIM_ID: no claim or quote "nope"/);
    expect(await execute(explainCommand, [dir, enrollment], main, io)).toBe(2);
    expect(out.stderr).toMatch(/it is a enroll/);
    expect(await execute(explainCommand, [dir, claims[0]!.id], main, io)).toBe(0);
    expect(out.stdout).toMatch(/^结算单 Settlement statement/);
  });
});
