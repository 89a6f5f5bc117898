/**
 * insurer → what-if parameters: `huiqubao-2021.R2.deductibleFen=500000` changes one
 * number of one plan or product of a scenario document. The first segment is a
 * plan id; each next one is a key of the object reached, or the id (or index) of an
 * element of one of its lists (`R2` finds the responsibility, `bands.1` the second
 * band). Only a number that is already there can be changed, to a number; the
 * changed document is then validated like any scenario, so a ratio of 1.5 or a
 * fraction of a fen is refused naming the parameter and the contract's rule.
 */
import { ContractError, parseScenario } from '@medins/contract';
import type { World } from '@medins/engine';
import { WhatIfParameterError } from './errors.ts';

/** One changed parameter: its path, the value it had and the value it takes. */
export interface ParameterChange {
  readonly path: string;
  readonly from: number | null;
  readonly to: number;
}

/** `path=value`, as the command line gives it. */
export interface ParameterSetting {
  readonly path: string;
  readonly value: number;
}

/**
 * Reads `PATH=NUMBER`; throws WhatIfParameterError naming what is wrong.
 *
 * @example parseSetting('huiqubao-2021.R1.ratio=0.6') // { path: 'huiqubao-2021.R1.ratio', value: 0.6 }
 */
export function parseSetting(text: string): ParameterSetting {
  const eq = text.lastIndexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  const raw = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (!path || !raw) throw new WhatIfParameterError(`a parameter is PLAN.PATH=NUMBER, got ${JSON.stringify(text)}`, { entity: text });
  const value = Number(raw);
  if (!Number.isFinite(value))
    throw new WhatIfParameterError(`${path}: the value must be a number, got ${JSON.stringify(raw)}`, { entity: path });
  return { path, value };
}

type Json = Record<string, unknown> | unknown[];
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The child of `node` that `segment` names: a key, a list index, or the element with that id in one of its lists. */
function childOf(node: Json, segment: string, path: string): { parent: Json; key: string | number } {
  if (Array.isArray(node)) {
    const byId = node.findIndex((x) => isObject(x) && x.id === segment);
    const index = byId >= 0 ? byId : /^\d+$/.test(segment) ? Number(segment) : -1;
    if (index < 0 || index >= node.length)
      throw new WhatIfParameterError(`${path}: no element ${JSON.stringify(segment)}`, { entity: path });
    return { parent: node, key: index };
  }
  if (Object.hasOwn(node, segment)) return { parent: node, key: segment };
  const lists = Object.values(node).filter((v): v is unknown[] => Array.isArray(v));
  const owners = lists.filter((l) => l.some((x) => isObject(x) && x.id === segment));
  if (owners.length !== 1)
    throw new WhatIfParameterError(
      `${path}: ${JSON.stringify(segment)} names ${owners.length === 0 ? 'no' : 'more than one'} field or element`,
      {
        entity: path,
      },
    );
  return { parent: owners[0]!, key: owners[0]!.findIndex((x) => isObject(x) && x.id === segment) };
}

/**
 * The world of the scenario document with the settings applied, validated like any
 * scenario, and what changed. The input document is not modified. Only the world is
 * read and validated again: a setting changes a number, never an id an event names,
 * so the events of the document stand as they were parsed.
 *
 * @example applySettings(doc, [parseSetting('huiqubao-2021.R2.deductibleFen=500000')]).changes
 */
export function applySettings(document: unknown, settings: readonly ParameterSetting[]): { world: World; changes: ParameterChange[] } {
  const doc = structuredClone(isObject(document) ? { ...document, events: [] } : document) as { plans?: unknown };
  if (!isObject(doc) || !Array.isArray(doc.plans))
    throw new WhatIfParameterError('the scenario has no plans to change', { entity: 'plans' });
  const plans = doc.plans as unknown[];
  const changes: ParameterChange[] = [];
  for (const { path, value } of settings) {
    const [planId = '', ...rest] = path.split('.');
    const plan = plans.find((p) => isObject(p) && p.id === planId);
    if (!isObject(plan)) throw new WhatIfParameterError(`${path}: no plan or product ${JSON.stringify(planId)}`, { entity: path });
    if (rest.length === 0)
      throw new WhatIfParameterError(`${path}: name a number of the plan, e.g. ${planId}.premiumFen`, { entity: path });
    let node: Json = plan;
    for (const segment of rest.slice(0, -1)) {
      const { parent, key } = childOf(node, segment, path);
      const next = (parent as Record<string | number, unknown>)[key];
      if (!isObject(next) && !Array.isArray(next)) throw new WhatIfParameterError(`${path}: ${segment} holds no fields`, { entity: path });
      node = next;
    }
    const { parent, key } = childOf(node, rest.at(-1)!, path);
    const from = (parent as Record<string | number, unknown>)[key];
    if (typeof from !== 'number' && from !== null)
      throw new WhatIfParameterError(`${path}: only a number can be changed (this is ${Array.isArray(from) ? 'a list' : typeof from})`, {
        entity: path,
      });
    (parent as Record<string | number, unknown>)[key] = value;
    changes.push({ path, from, to: value });
  }
  try {
    return { world: parseScenario(doc).world, changes };
  } catch (e) {
    if (e instanceof ContractError)
      throw new WhatIfParameterError(`the changed world is not a valid scenario: ${e.message}`, { entity: e.issues[0]?.path, cause: e });
    throw e;
  }
}
