/**
 * Reading a scenario: text → JSON → validated document → engine world and events.
 * Every failure is a ContractError naming the field and the rule.
 */
import type { Digester, DomainEvent, World } from '@medins/engine';
import { ContractError, contractErrorOf } from './errors.ts';
import { EventSchema, type SealedEventDoc, SealedEventSchema } from './event-schema.ts';
import { processDigester, sealEvent } from './personal.ts';
import { type ScenarioDoc, ScenarioSchema } from './scenario-schema.ts';
import { toEvent, toWorld } from './to-domain.ts';

/** Documents larger than this are refused before parsing (64 MiB). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** JSON nested deeper than this is refused: the contract never nests beyond 8. */
export const MAX_DEPTH = 32;

export interface Scenario {
  readonly doc: ScenarioDoc;
  readonly world: World;
  readonly events: DomainEvent[];
}

/** Depth of a JSON text's nesting, counted without recursion (hostile input cannot blow the stack). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Parses JSON text with the limits every door applies. */
export function parseJsonText(text: string, what = 'document'): unknown {
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw new ContractError(`invalid ${what}: larger than ${MAX_DOCUMENT_BYTES} bytes`);
  if (jsonDepth(text) > MAX_DEPTH) throw new ContractError(`invalid ${what}: JSON nested deeper than ${MAX_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8 quotes a stretch of the text ("Unexpected token 'x', "张三 3308…" is not valid JSON"): it may be personal data.
    // For the same reason the SyntaxError is not kept as `cause`: a logger printing causes would write the text out.
    const reason = (e as Error).message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su, '');
    throw new ContractError(`invalid ${what}: not JSON (${reason})`);
  }
}

/**
 * A scenario's world and events, their personal data sealed with `digest`
 * (default: this process's key; pass a kept key when the sealed values outlive
 * the process, as seeded tables in a data dir do).
 */
export function parseScenario(json: unknown, digest: Digester = processDigester()): Scenario {
  const parsed = ScenarioSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw contractErrorOf(parsed.error, 'scenario');
  return { doc: parsed.data, world: toWorld(parsed.data, digest), events: parsed.data.events.map((e) => toEvent(sealEvent(e, digest))) };
}

export function parseScenarioText(text: string, digest?: Digester): Scenario {
  return parseScenario(parseJsonText(text, 'scenario'), digest);
}

/**
 * Validates a caller's event (the API's body, a scenario's event: personal data
 * in clear) and seals it: the only form that goes further.
 */
export function sealEventDoc(json: unknown, digest: Digester): SealedEventDoc {
  const parsed = EventSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw contractErrorOf(parsed.error, 'event');
  return sealEvent(parsed.data, digest);
}

/** Validates one event as the queues and workflows carry it (sealed: a clear name or ID number is invalid). */
export function parseEvent(json: unknown): DomainEvent {
  const parsed = SealedEventSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw contractErrorOf(parsed.error, 'event');
  return toEvent(parsed.data);
}
