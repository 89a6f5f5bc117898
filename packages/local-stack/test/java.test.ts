import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JavaRuntimeError, parseJavaVersion, requireJava } from '../src/index.ts';

const HINT = 'DynamoDB Local needs a Java 17+ runtime: install one, e.g. apt-get install -y openjdk-17-jre-headless';

/** A PATH holding only a fake `java` that prints `versionLine` as `java -version` does (to stderr). */
function pathWithFakeJava(versionLine: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-java-'));
  writeFileSync(join(dir, 'java'), `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(join(dir, 'java'), 0o755);
  return dir;
}

describe('parseJavaVersion', () => {
  it('reads modern and pre-9 version lines', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime')).toEqual({ version: '17.0.15', major: 17 });
    expect(parseJavaVersion('openjdk version "21" 2023-09-19')).toEqual({ version: '21', major: 21 });
    expect(parseJavaVersion('java version "1.8.0_292"')).toEqual({ version: '1.8.0_292', major: 8 });
    expect(parseJavaVersion('command not found')).toBeUndefined();
  });
});

describe('requireJava', () => {
  it('finds the installed Java 17+', async () => {
    const java = await requireJava();
    expect(java.major).toBeGreaterThanOrEqual(17);
  });

  it('says how to install Java when there is none on PATH', async () => {
    // Prepare: a PATH with no java on it.
    const env = { PATH: join(tmpdir(), 'no-java-on-this-path') };
    // Act
    const attempt = requireJava({ env });
    // Assess
    await expect(attempt).rejects.toThrow(JavaRuntimeError);
    await expect(requireJava({ env })).rejects.toThrow(`${HINT} (\`java\` was not found on PATH)`);
  });

  it('refuses a Java older than 17 with the same message', async () => {
    const dir = pathWithFakeJava('openjdk version "11.0.22" 2024-01-16');
    await expect(requireJava({ env: { PATH: dir } })).rejects.toThrow(`${HINT} (found Java 11.0.22 at \`java\`)`);
    rmSync(dir, { recursive: true, force: true });
  });
});
