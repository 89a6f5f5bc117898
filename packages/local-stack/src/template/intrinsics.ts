/**
 * Evaluates CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select, Fn::Split, Fn::If and the condition functions,
 * Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ToJsonString, Fn::Length) against
 * local values. What a resource's Ref or attribute is locally is not decided
 * here but by the caller's `ref` and `getAtt` (see references.ts).
 */
import { TemplateError } from '../errors.ts';
import type { CfnTemplate } from './types.ts';

/** What the resolver needs to know about the local world. */
export interface ResolveContext {
  readonly template: CfnTemplate;
  /** AWS::Region, AWS::Partition, AWS::AccountId, … */
  readonly pseudo: Readonly<Record<string, string>>;
  /** Values for template parameters (default: their Default). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The local value of `{ Ref: logicalId }`, or undefined when it has none. */
  ref(logicalId: string): string | undefined;
  /** The local value of `{ Fn::GetAtt: [logicalId, attribute] }`, or undefined. */
  getAtt(logicalId: string, attribute: string): string | undefined;
  /**
   * What to put where a value has no local equivalent (an IAM role, a KMS key);
   * default: throw a TemplateError naming it and where it was.
   */
  readonly unresolved?: (what: string, path: string) => unknown;
}

/**
 * A context that puts `<unresolved: …>` where a value has no local equivalent
 * instead of throwing: for values that are informative but not load-bearing
 * (a function's environment, a replica's KMS key).
 *
 * @example
 * ```ts
 * resolve({ 'Fn::GetAtt': ['Key961B73FD', 'Arn'] }, lenient(ctx), 'Env'); // '<unresolved: Fn::GetAtt Key961B73FD.Arn (AWS::KMS::Key)>'
 * ```
 */
export function lenient(ctx: ResolveContext): ResolveContext {
  return { ...ctx, unresolved: (what) => `<unresolved: ${what}>` };
}

/** AWS::NoValue: removes the property or list item that holds it. */
const NO_VALUE = Symbol('AWS::NoValue');

const INTRINSICS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Sub',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Condition',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::ToJsonString',
  'Fn::Length',
  'Fn::ImportValue',
  'Fn::Cidr',
  'Fn::Transform',
]);

/**
 * Resolves every intrinsic function in `value`, deeply. `path` names where the
 * value sits, for error messages.
 *
 * @example
 * ```ts
 * resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::lambda:invoke']] }, ctx, 'Flow');
 * // 'arn:aws:states:::lambda:invoke'
 * ```
 */
export function resolve(value: unknown, ctx: ResolveContext, path: string): unknown {
  const result = resolveInner(value, ctx, path);
  return result === NO_VALUE ? undefined : result;
}

/**
 * Like {@link resolve}, and the result must be a string (as a name, a URL or a definition must be).
 *
 * @example
 * ```ts
 * resolveString({ Ref: 'ClaimsE8D96B24' }, ctx, 'Flow.Properties.DefinitionString'); // 'ClaimsE8D96B24'
 * ```
 */
export function resolveString(value: unknown, ctx: ResolveContext, path: string): string {
  const result = resolve(value, ctx, path);
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  throw new TemplateError(`${path}: expected a string, got ${JSON.stringify(result)}`, { entity: path });
}

function resolveInner(value: unknown, ctx: ResolveContext, path: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => resolveInner(item, ctx, `${path}[${i}]`)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first && INTRINSICS.has(first[0])) return intrinsic(first[0], first[1], ctx, `${path}.${first[0]}`);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const resolved = resolveInner(item, ctx, `${path}.${key}`);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function intrinsic(name: string, arg: unknown, ctx: ResolveContext, path: string): unknown {
  switch (name) {
    case 'Ref':
      return ref(String(arg), ctx, path);
    case 'Fn::GetAtt': {
      const [id, attribute] = typeof arg === 'string' ? splitOnce(arg, '.') : (resolveList(arg, ctx, path, 2) as [string, string]);
      return getAtt(String(id), String(attribute), ctx, path);
    }
    case 'Fn::Join': {
      const [delimiter, items] = resolveList(arg, ctx, path, 2);
      return asList(items, path)
        .map((item) => asText(item, path))
        .join(String(delimiter));
    }
    case 'Fn::Sub':
      return sub(arg, ctx, path);
    case 'Fn::Select': {
      const [index, items] = resolveList(arg, ctx, path, 2);
      const list = asList(items, path);
      const picked = list[Number(index)];
      if (picked === undefined)
        throw new TemplateError(`${path}: index ${String(index)} is outside a list of ${list.length}`, { entity: path });
      return picked;
    }
    case 'Fn::Split': {
      const [delimiter, text] = resolveList(arg, ctx, path, 2);
      return asText(text, path).split(String(delimiter));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = asList(arg, path);
      return condition_(String(condition), ctx, path) ? resolveInner(whenTrue, ctx, path) : resolveInner(whenFalse, ctx, path);
    }
    case 'Fn::Equals': {
      const [a, b] = resolveList(arg, ctx, path, 2);
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::And':
      return resolveList(arg, ctx, path).every(Boolean);
    case 'Fn::Or':
      return resolveList(arg, ctx, path).some(Boolean);
    case 'Fn::Not':
      return !resolveList(arg, ctx, path, 1)[0];
    case 'Condition':
      return condition_(String(arg), ctx, path);
    case 'Fn::FindInMap': {
      const [map, top, second] = resolveList(arg, ctx, path).map(String) as [string, string, string];
      const found = ctx.template.Mappings?.[map]?.[top]?.[second];
      if (found === undefined) throw new TemplateError(`${path}: no mapping ${map}.${top}.${second}`, { entity: path });
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(asText(resolveInner(arg, ctx, path), path)).toString('base64');
    case 'Fn::GetAZs':
      return ['a', 'b', 'c'].map((zone) => `${ctx.pseudo['AWS::Region']}${zone}`);
    case 'Fn::ToJsonString':
      return JSON.stringify(resolve(arg, ctx, path));
    case 'Fn::Length':
      return asList(resolveInner(arg, ctx, path), path).length;
    default:
      return unresolved(`${name} ${JSON.stringify(arg)}`, ctx, path);
  }
}

function ref(name: string, ctx: ResolveContext, path: string): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = ctx.pseudo[name];
  if (pseudo !== undefined) return pseudo;
  const parameter = ctx.template.Parameters?.[name];
  if (parameter) {
    const value = ctx.parameters?.[name] ?? parameter.Default;
    if (value === undefined)
      throw new TemplateError(`${path}: parameter ${name} has no Default: pass a value in parameters`, { entity: path });
    return parameter.Type?.startsWith('List<') || parameter.Type === 'CommaDelimitedList' ? String(value).split(',') : value;
  }
  return ctx.ref(name) ?? unresolved(`Ref ${name}${typeOf(name, ctx)}`, ctx, path);
}

function getAtt(id: string, attribute: string, ctx: ResolveContext, path: string): unknown {
  return ctx.getAtt(id, attribute) ?? unresolved(`Fn::GetAtt ${id}.${attribute}${typeOf(id, ctx)}`, ctx, path);
}

function typeOf(id: string, ctx: ResolveContext): string {
  const type = ctx.template.Resources?.[id]?.Type;
  return type ? ` (${type})` : ' (not in the template)';
}

function unresolved(what: string, ctx: ResolveContext, path: string): unknown {
  if (ctx.unresolved) return ctx.unresolved(what, path);
  throw new TemplateError(`${path}: ${what} has no local equivalent`, { entity: path });
}

/** Fn::Sub in both forms: "text ${Name} ${Res.Attr} ${!Literal}" and [text, { Name: value }]. */
function sub(arg: unknown, ctx: ResolveContext, path: string): string {
  const [text, variables] = typeof arg === 'string' ? [arg, {}] : (asList(arg, path) as [unknown, Record<string, unknown>?]);
  const values = resolveInner(variables ?? {}, ctx, path) as Record<string, unknown>;
  return asText(text, path).replace(/\$\{([^}]+)\}/g, (_match, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (name in values) return asText(values[name], path);
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const [id, attribute] = splitOnce(name, '.');
      return asText(getAtt(id, attribute, ctx, path), path);
    }
    return asText(ref(name, ctx, path), path);
  });
}

function condition_(name: string, ctx: ResolveContext, path: string): boolean {
  const definition = ctx.template.Conditions?.[name];
  if (definition === undefined) throw new TemplateError(`${path}: no condition ${name} in the template`, { entity: path });
  return Boolean(resolveInner(definition, ctx, `Conditions.${name}`));
}

function resolveList(arg: unknown, ctx: ResolveContext, path: string, length?: number): unknown[] {
  const list = asList(arg, path).map((item, i) => resolveInner(item, ctx, `${path}[${i}]`));
  if (length !== undefined && list.length < length)
    throw new TemplateError(`${path}: expected ${length} arguments, got ${list.length}`, { entity: path });
  return list;
}

function asList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new TemplateError(`${path}: expected a list, got ${JSON.stringify(value)}`, { entity: path });
  return value;
}

function asText(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`${path}: expected a string, got ${JSON.stringify(value)}`, { entity: path });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
