/**
 * fauxqs's private modules (its dist folder), the one way this package reaches
 * them: the stores (sqs.ts) and the SQS actions (sqs-direct.ts) are not exported
 * by its entry. fauxqs is pinned to an exact version and test/fauxqs-shape.test.ts
 * fails, naming what moved, when an upgrade changes what is loaded here.
 */
import { StartupError } from './errors.ts';

/** Imports a module by its path under fauxqs's dist folder, e.g. `sqs/sqsStore.js`. */
export type DistImport = (path: string) => Promise<Record<string, unknown>>;

/**
 * Runs `load` with an importer of fauxqs's dist modules; anything it throws (a
 * module gone, an export missing) becomes a StartupError that names `user`, the
 * function to update.
 *
 * @example
 * ```ts
 * const { SqsStore } = await fromFauxqsDist('loopbackStores() in sqs.ts', (dist) => dist('sqs/sqsStore.js'));
 * ```
 */
export async function fromFauxqsDist<T>(user: string, load: (dist: DistImport) => Promise<T>): Promise<T> {
  const entry = import.meta.resolve('fauxqs');
  const dist: DistImport = (path) => import(new URL(`./${path}`, entry).href) as Promise<Record<string, unknown>>;
  try {
    return await load(dist);
  } catch (error) {
    throw new StartupError(`fauxqs's dist modules moved (${(error as Error).message}): update ${user}`, { entity: 'fauxqs', cause: error });
  }
}
