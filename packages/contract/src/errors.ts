/**
 * Contract errors for callers: one line that names the field path and the rule
 * (`events[3].lines[0].amountFen: must not be negative`), never a stack trace and
 * never the offending value when it could be personal data.
 */
import { MedinsError } from '@medins/engine';
import type { z } from 'zod';

/** One rule a document breaks: the field path and the rule, never the value. */
export interface ContractIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A document (scenario, event, request body) the contract refuses. `entity` is
 * the path of the first issue (`events[3].lines[0].amountFen`), or none when the
 * document as a whole is refused (too large, too deep, not JSON).
 */
export class ContractError extends MedinsError {
  override readonly name = 'ContractError';
  readonly code = 'INVALID_DOCUMENT';
  readonly issues: readonly ContractIssue[];
  constructor(message: string, issues: readonly ContractIssue[] = [], options: { readonly cause?: unknown } = {}) {
    super(message, { ...options, ...(issues[0] ? { entity: issues[0].path } : {}) });
    this.issues = issues;
  }
}

/** `events[3].lines[0].amountFen` from `['events', 3, 'lines', 0, 'amountFen']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (not part of the contract)`;
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${issue.message.replace(/^Invalid input: /, '')})`;
      return issue.message.replace(/^Invalid input: /, '');
    default:
      return issue.message;
  }
}

/** Every issue as `path: rule`, the most useful first (missing and unknown fields last). */
export function issuesOf(error: z.ZodError): ContractIssue[] {
  const flat: z.core.$ZodIssue[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: PropertyKey[]) => {
    const path = [...prefix, ...issue.path];
    // A union reports its branches' issues; the discriminated unions we use pick one branch.
    if (issue.code === 'invalid_union' && issue.errors.length === 1) {
      for (const inner of issue.errors[0]!) visit(inner, path);
      return;
    }
    flat.push({ ...issue, path } as z.core.$ZodIssue);
  };
  for (const issue of error.issues) visit(issue, []);
  return flat.map((issue) => ({ path: formatPath(issue.path), message: describe(issue) }));
}

/**
 * The ContractError of a failed zod parse: the first issue in the message, all in `issues`.
 * The ZodError is deliberately not kept as `cause`: parsed with `reportInput` its
 * issues carry the offending values (names, ID numbers), and a logger that prints
 * causes would write them out. `issues` holds everything a caller needs.
 *
 * @example
 * const parsed = EventSchema.safeParse(json);
 * if (!parsed.success) throw contractErrorOf(parsed.error, 'event');
 */
export function contractErrorOf(error: z.ZodError, what = 'document'): ContractError {
  const issues = issuesOf(error);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  return new ContractError(first ? `invalid ${what}: ${first.path}: ${first.message}${more}` : `invalid ${what}`, issues);
}
