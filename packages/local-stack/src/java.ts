/**
 * Java runtime detection for DynamoDB Local (which ships as a jar and needs Java 17+).
 * Runs `java -version` once and turns "not found" and "too old" into one message
 * that says how to fix it, instead of a spawn ENOENT or a JVM class-version stack trace.
 */
import { execFile } from 'node:child_process';
import { JavaRuntimeError } from './errors.ts';

/** The oldest Java major version DynamoDB Local 2.3+ runs on. */
export const MIN_JAVA_MAJOR = 17;

const INSTALL_HINT = 'DynamoDB Local needs a Java 17+ runtime: install one, e.g. apt-get install -y openjdk-17-jre-headless';

/** A Java runtime that can run DynamoDB Local. */
export interface JavaRuntime {
  /** The command that was run (as given, resolved through PATH by the OS). */
  readonly command: string;
  /** The full version, e.g. `17.0.15`. */
  readonly version: string;
  /** The major version, e.g. `17` (Java 8 reports `1.8` and is major 8). */
  readonly major: number;
}

/** Where to look for Java. */
export interface DetectJavaOptions {
  /** The java executable; default `java` from PATH. */
  readonly command?: string;
  /** The environment to run it in (its PATH decides which java is found); default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Parses the first line of `java -version` output (`openjdk version "17.0.15" …`,
 * `java version "1.8.0_292"`), or returns undefined when there is no version in it.
 *
 * @example
 * ```ts
 * parseJavaVersion('java version "1.8.0_292"'); // { version: '1.8.0_292', major: 8 }
 * ```
 */
export function parseJavaVersion(output: string): { version: string; major: number } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (!match?.[1]) return undefined;
  const version = match[1];
  const [first, second] = version.split(/[._+-]/).map(Number);
  // Before Java 9 the major version was the second number: "1.8.0" is Java 8.
  const major = first === 1 && second !== undefined ? second : first;
  return major === undefined || Number.isNaN(major) ? undefined : { version, major };
}

/**
 * Finds a Java runtime of at least version 17, or throws a {@link JavaRuntimeError}
 * whose message says how to install one.
 *
 * @example
 * ```ts
 * const java = await requireJava();
 * console.log(`using Java ${java.version}`);
 * ```
 */
export async function requireJava(options: DetectJavaOptions = {}): Promise<JavaRuntime> {
  const command = options.command ?? 'java';
  const output = await new Promise<string>((resolve, reject) => {
    execFile(command, ['-version'], { env: options.env ?? process.env, timeout: 15_000 }, (error, stdout, stderr) => {
      // `java -version` prints to stderr; an exit code alone (e.g. a broken alternative) is not a version.
      if (error && !/version "/.test(`${stderr}${stdout}`)) reject(error);
      else resolve(`${stderr}${stdout}`);
    });
  }).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? `\`${command}\` was not found on PATH` : `\`${command} -version\` failed: ${error.message}`;
    throw new JavaRuntimeError(`${INSTALL_HINT} (${why})`, { cause: error });
  });
  const parsed = parseJavaVersion(output);
  if (!parsed) throw new JavaRuntimeError(`${INSTALL_HINT} (could not read a version from \`${command} -version\`)`);
  if (parsed.major < MIN_JAVA_MAJOR) {
    throw new JavaRuntimeError(`${INSTALL_HINT} (found Java ${parsed.version} at \`${command}\`)`);
  }
  return { command, ...parsed };
}
