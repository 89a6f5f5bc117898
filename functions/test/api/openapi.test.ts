/**
 * api/openapi.ts: the OpenAPI document has exactly the route table's paths and
 * methods (the table infra and the local gateway use), docs/openapi.json is the
 * document the code makes (`npm run openapi` rewrites it), and it passes the
 * Redocly linter's recommended rules. Every route documents its statuses.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.ts';
import { API_ROUTES, routeKeyOf } from '../../src/api/routes.ts';

const FILE = join(import.meta.dirname, '../../../docs/openapi.json');
const doc = openApiDocument();

const operations = (paths: Record<string, Record<string, unknown>>) =>
  Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

describe('the OpenAPI document', () => {
  it('has exactly the route table’s paths and methods', () => {
    expect(operations(doc.paths as never).sort()).toEqual(API_ROUTES.map(routeKeyOf).sort());
  });

  it('is what docs/openapi.json holds (run `npm run openapi` after changing a route or a schema)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('documents 202 with Location and Retry-After wherever work is queued, and each route’s refusals', () => {
    for (const route of API_ROUTES) {
      const op = (doc.paths as Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>)[
        route.path
      ]?.[route.method.toLowerCase()];
      const statuses = Object.keys(op?.responses ?? {});
      const key = routeKeyOf(route);
      expect(statuses, key).toEqual(expect.arrayContaining(['405', '500', route.auth === 'member' ? '401' : '403']));
      if ('types' in route) expect(statuses, key).toEqual(expect.arrayContaining(['200', '400', '409', '413']));
      // The national gateway answers in the platform's envelope: a refusal is a 200 with infcode -1.
      else if ('gateway' in route) expect(statuses, key).toEqual(expect.arrayContaining(['200', '413']));
      else expect(statuses, key).toEqual(expect.arrayContaining(['200', '400', '404']));
      if (statuses.includes('202')) expect(Object.keys(op?.responses['202']?.headers ?? {}), key).toEqual(['location', 'retry-after']);
    }
    const queuing = API_ROUTES.filter((r) => 'types' in r && r.action !== 'quote').map(routeKeyOf);
    expect(queuing).toEqual(['POST /claims', 'POST /reversals', 'POST /reviews', 'POST /enrollments', 'POST /bindings']);
  });

  it('passes the Redocly linter (recommended rules)', () => {
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const out = execFileSync(process.execPath, [cli, 'lint', FILE, '--format', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const report = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
