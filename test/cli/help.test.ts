/**
 * Every `npm run` command a person runs behaves alike (issue 12, item 7): with
 * `--help` it prints its usage on stdout, exits 0 and changes no file; with an
 * unknown option it exits 2 with the reason and its usage on stderr, having
 * done nothing. "Every command" is every root script that runs one of our
 * programs (`node packages/…`); the others run tools with their own help
 * (tsc, vitest, knip).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const COMMANDS = Object.entries(scripts)
  .filter(([, line]) => /^node packages\//.test(line))
  .map(([name]) => name);

async function npmRun(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/**
 * Path and modification time of every file in the work tree (ignored ones such as out/ included,
 * but not the folders other test files write to while this one runs), and git's view of it.
 */
async function treeState(): Promise<{ files: Map<string, number>; git: string }> {
  const files = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(path);
      else if (entry.isFile()) files.set(path, statSync(path).mtimeMs);
    }
  };
  walk(ROOT);
  const { stdout } = await run('git', ['status', '--porcelain'], { cwd: ROOT });
  return { files, git: stdout };
}
const SKIPPED = new Set(['node_modules', '.git', 'cdk.out', 'coverage', '.vitest-cache']);

describe('every npm run command', () => {
  it('covers the commands a person runs', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['start', 'scenario', 'pipeline', 'schema', 'api', 'chaos', 'bench']));
  });

  it('answers --help and -h with its usage on stdout and exit 0, changing no file', async () => {
    // Prepare
    const before = await treeState();
    // Act
    const answers = [];
    for (const script of COMMANDS) for (const flag of ['--help', '-h']) answers.push({ script, flag, ...(await npmRun(script, [flag])) });
    // Assess
    for (const a of answers) {
      const what = `npm run ${a.script} -- ${a.flag}: ${a.stderr}`;
      expect(a.code, what).toBe(0);
      expect(a.stdout, what).toMatch(/^usage: npm (start|run)/);
      expect(a.stdout, what).toContain('-h, --help');
      expect(a.stderr, what).toBe('');
    }
    const after = await treeState();
    expect(after.git).toBe(before.git);
    expect([...after.files].filter(([path, mtime]) => before.files.get(path) !== mtime).map(([path]) => path)).toEqual([]);
  }, 240_000);

  it('refuses an unknown option with exit 2, the reason and its usage on stderr, and nothing on stdout', async () => {
    for (const script of COMMANDS) {
      // Act
      const r = await npmRun(script, ['--no-such-option']);
      // Assess
      const what = `npm run ${script} -- --no-such-option: ${r.stderr}`;
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe('');
      expect(r.stderr, what).toMatch(/^unknown option '--no-such-option'\nusage: npm (start|run)/);
    }
  }, 240_000);
});
