/** api/routes.ts: the one route table, and matching a method and raw path against it. */
import { describe, expect, it } from 'vitest';
import { API_ROUTES, matchRoute, routeKeyOf, routeLines } from '../../src/api/routes.ts';

describe('matchRoute', () => {
  it('matches every route of the table by its own method and path', () => {
    for (const route of API_ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, 'id-1');
      expect(matchRoute(route.method, path)).toMatchObject({ route, routeKey: routeKeyOf(route) });
    }
  });

  it('gives the path parameters still percent-encoded', () => {
    expect(matchRoute('GET', '/events/c%2F1')?.rawParameters).toEqual({ eventId: 'c%2F1' });
    expect(matchRoute('GET', '/members/m1/balances')?.rawParameters).toEqual({ memberId: 'm1' });
    expect(matchRoute('POST', '/claims')).not.toHaveProperty('rawParameters');
  });

  it('matches nothing for another method, an empty parameter, extra segments or a trailing slash', () => {
    expect(matchRoute('PUT', '/claims')).toBeNull();
    expect(matchRoute('GET', '/claims')).toBeNull();
    expect(matchRoute('GET', '/events/')).toBeNull();
    expect(matchRoute('GET', '/events/a/b')).toBeNull();
    expect(matchRoute('POST', '/claims/')).toBeNull();
    expect(matchRoute('GET', '/members//balances')).toBeNull();
  });
});

describe('routeKeyOf and routeLines', () => {
  it('names routes as API Gateway does, and lists one help line per route', () => {
    expect(routeKeyOf({ method: 'GET', path: '/events/{eventId}' })).toBe('GET /events/{eventId}');
    const lines = routeLines();
    expect(lines).toHaveLength(API_ROUTES.length);
    expect(lines[0]).toMatch(/^ {2}POST \/claims +IAM +submit a claim/);
    expect(lines.find((l) => l.includes('/me/balances'))).toMatch(/member +the member/);
  });
});
