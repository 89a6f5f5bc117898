/**
 * A run's folder as the insurer's commands read it: scenario.json (the world and
 * the events in serial order) and outcome.json (one result per event, the final
 * balances), as the main job, the chaos run and the what-if write them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError, parseJsonText } from '@medins/contract';
import type { Outcome } from '@medins/engine';
import { type InsurerRun, insurerRunOf } from '@medins/insurer';
import { UsageError } from '../args.ts';

function readJson(dir: string, name: string): unknown {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'} (DIR must be a run's folder, e.g. out/)`,
      {
        entity: file,
      },
    );
  }
  return asUsage(() => parseJsonText(text, name));
}

/** A file that is not what a run writes is the caller's mistake: exit 2 naming the field and the rule. */
function asUsage<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ContractError) throw new UsageError(e.message, { entity: e.issues[0]?.path, cause: e });
    throw e;
  }
}

/** The outcome's shape, checked where a view relies on it (the rest is the engine's own output). */
function asOutcome(json: unknown, file: string): Outcome {
  const o = json as Partial<Outcome> | null;
  if (!o || !Array.isArray(o.results) || typeof o.balances !== 'object' || o.balances === null)
    throw new UsageError(`${file}: results must be a list and balances an object (an outcome the scenario command prints)`, {
      entity: file,
    });
  return o as Outcome;
}

/**
 * The run in DIR; a missing or malformed file is a UsageError naming it (exit 2).
 *
 * @example readRunDir('out').results.length
 */
export function readRunDir(dir: string): InsurerRun {
  const scenario = readJson(dir, 'scenario.json');
  const outcome = asOutcome(readJson(dir, 'outcome.json'), join(dir, 'outcome.json'));
  return asUsage(() => insurerRunOf(scenario, outcome));
}
