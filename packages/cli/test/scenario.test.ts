/**
 * `npm run --silent scenario -- FILE` (src/scenario.ts) in-process: the outcome
 * JSON on stdout for a valid document; exit 2 with one message naming the field
 * (every issue on its own line) for an invalid one, for an unreadable FILE and
 * for a wrong command line; --help answers without reading anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenarioCommand, scenarioCommand } from '../src/scenario.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../shared/contract/examples');
const dir = mkdtempSync(join(tmpdir(), 'medins-scenario-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the scenario command', () => {
  it("prints the outcome: each event's result in order, as the contract's expected file has them", () => {
    // Prepare
    const file = join(EXAMPLES, '05-rejected-claims.scenario.json');
    const expected = JSON.parse(readFileSync(join(EXAMPLES, '05-rejected-claims.expected.json'), 'utf8')) as {
      results: { id: string; status: string }[];
    };
    // Act
    const r = runScenarioCommand([file]);
    // Assess
    expect([r.code, r.stderr]).toEqual([0, '']);
    const printed = JSON.parse(r.stdout) as { results: { id: string; status: string }[] };
    expect(printed.results.map((x) => [x.id, x.status])).toEqual(expected.results.map((x) => [x.id, x.status]));
  });

  it('answers an invalid document with exit 2, the headline and every issue on its own line, nothing on stdout', () => {
    // Prepare: two members with the same malformed id.
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, plans: [], providers: [], members: [{ id: 'm 1' }, { id: 'm 2' }], events: [] }));
    // Act
    const r = runScenarioCommand([file]);
    // Assess
    expect([r.code, r.stdout]).toEqual([2, '']);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^invalid scenario: members\[0\]/);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}- \S+: .+/);
    expect(lines.slice(1).some((l) => l.startsWith('  - members[1]'))).toBe(true);
  });

  it('answers an unreadable FILE and a wrong command line with exit 2, and --help with the help', () => {
    // Act
    const missing = runScenarioCommand([join(dir, 'none.json')]);
    const noFile = runScenarioCommand([]);
    const help = runScenarioCommand(['--help']);
    // Assess
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `cannot read ${join(dir, 'none.json')}: ENOENT\n` });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toBe(`missing FILE\n${scenarioCommand.usage}\n(--help for the options)\n`);
    expect(help).toEqual({ code: 0, stdout: scenarioCommand.help, stderr: '' });
  });
});
