/**
 * infra/test → support: the synthesized template, read the way the tests need it.
 * A stage is synthesized (without bundling and without the nag packs: those have
 * their own tests) once for all test files: the template is kept in the temporary
 * directory under a hash of everything it depends on — the infra sources,
 * cdk.json, the handler entry files, the CDK versions — so a change to any of them
 * synthesizes afresh. Test files import only the CDK-free modules of infra/src,
 * which keeps them from loading aws-cdk-lib when the template is cached.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from '../../src/template/types.ts';

export type Stage = 'dev' | 'prod';

export interface Synthesized {
  readonly json: CfnTemplate;
}

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A hash of the template's inputs: sources and config by content, handler entries by name. */
function inputsHash(): string {
  const hash = createHash('sha256');
  // The modules infra takes its table roles, routes and workflow error names from count as sources too.
  const imported = [
    'packages/store/src/tables.ts',
    'packages/store/src/errors.ts',
    'functions/src/api/routes.ts',
    'functions/src/shared/workflow-errors.ts',
    'functions/src/shared/parse.ts',
  ].map((path) => join(REPO, path));
  for (const file of [...filesUnder(join(REPO, 'infra', 'src')), ...imported, join(REPO, 'cdk.json')]) {
    hash.update(relative(REPO, file)).update(readFileSync(file));
  }
  for (const file of filesUnder(join(REPO, 'functions', 'src'))) hash.update(relative(REPO, file));
  for (const pkg of ['aws-cdk-lib', 'cdk-nag', 'constructs']) {
    hash.update(pkg).update((require(`${pkg}/package.json`) as { version: string }).version);
  }
  return hash.digest('hex').slice(0, 16);
}

const memo = new Map<Stage, Synthesized>();

/** The stack's template for a stage, synthesized once for every test file that asks. */
export async function synth(stage: Stage = 'dev'): Promise<Synthesized> {
  const hit = memo.get(stage);
  if (hit) return hit;
  const dir = join(tmpdir(), 'medins-infra-templates');
  const key = inputsHash();
  const file = join(dir, `${key}-${stage}.json`);
  let json: CfnTemplate;
  if (existsSync(file)) {
    json = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  } else {
    const { synthesizeTemplate } = await import('../../src/build-app.ts');
    json = synthesizeTemplate({ stage, bundle: false, nag: false });
    mkdirSync(dir, { recursive: true });
    // Templates of older sources are never read again.
    for (const old of readdirSync(dir).filter((f) => !f.startsWith(key))) rmSync(join(dir, old), { force: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(json));
    renameSync(partial, file); // atomic: a parallel test file reads all of it or none
  }
  const synthesized = { json };
  memo.set(stage, synthesized);
  return synthesized;
}

export type Resource = CfnTemplate['Resources'][string];

/** [logicalId, resource] pairs of one type. */
export function resourcesOfType(json: CfnTemplate, type: string): [string, Resource][] {
  return Object.entries(json.Resources).filter(([, r]) => r.Type === type);
}

/** The props of a resource, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form; the tests read them by path and assert on the values.
export const props = (r: Resource): Record<string, any> => (r.Properties ?? {}) as Record<string, any>;

/** The logical id a `Ref` / `Fn::GetAtt` points at, or undefined. */
export function refTarget(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    const att = v['Fn::GetAtt'];
    if (Array.isArray(att)) return String(att[0]);
  }
  return undefined;
}

/** Every logical id referenced anywhere inside a value (Ref, GetAtt, inside Joins). */
export function referencedIds(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const target = refTarget(v);
      if (target && !target.startsWith('AWS::')) out.add(target);
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return out;
}

/**
 * The functions of the handlers (`medins:handler` metadata): every function of the
 * stack but the provider of the X-Ray encryption custom resource, which CDK
 * writes and which runs only at deployment (infra/test/tracing.test.ts).
 */
export function handlerFunctions(json: CfnTemplate): [string, Resource][] {
  return resourcesOfType(json, 'AWS::Lambda::Function').filter(([, r]) => r.Metadata?.['medins:handler'] !== undefined);
}

/** The role logical id of a function. */
export const roleOf = (json: CfnTemplate, functionId: string): string => refTarget(props(json.Resources[functionId]!).Role)!;

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** Every statement of every AWS::IAM::Policy attached to a role. */
export function statementsOfRole(json: CfnTemplate, roleId: string): Statement[] {
  return resourcesOfType(json, 'AWS::IAM::Policy')
    .filter(([, p]) => (props(p).Roles as unknown[]).some((r) => refTarget(r) === roleId))
    .flatMap(([, p]) => props(p).PolicyDocument.Statement as Statement[]);
}

export const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** asl-validator (CommonJS, untyped): validates an Amazon States Language document. */
export const validateAsl = require('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
