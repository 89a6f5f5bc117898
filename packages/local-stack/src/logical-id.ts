/**
 * Finding a resource by the id a developer wrote rather than the one CDK
 * synthesized: CDK appends an 8-character hash to construct ids (`ClaimFlow` →
 * `ClaimFlowA74D6E88`), which tests should not have to spell.
 */
import { LogicalIdError } from './errors.ts';

/**
 * The entry whose logical id is `id`, or else the only one that starts with it.
 *
 * @example
 * ```ts
 * byLogicalId(local.stateMachines, 'ClaimFlow'); // the ClaimFlowA74D6E88 state machine
 * ```
 */
export function byLogicalId<T>(record: Readonly<Record<string, T>>, id: string): T {
  const exact = record[id];
  if (exact !== undefined) return exact;
  const candidates = Object.keys(record).filter((key) => key.startsWith(id));
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) return record[only] as T;
  const known = Object.keys(record).join(', ') || 'none';
  throw new LogicalIdError(
    candidates.length === 0 ? `no logical id starts with "${id}" (known: ${known})` : `"${id}" is ambiguous: ${candidates.join(', ')}`,
    { entity: id },
  );
}
