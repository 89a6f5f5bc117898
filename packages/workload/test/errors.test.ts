/**
 * errors.ts: the generator's errors are of the project's family (MedinsError),
 * each with its literal name and code, thrown where the generator refuses.
 */

import { MedinsError } from '@medins/engine';
import { CalendarError, createRng, DrawError, generateWorkload, WorkloadOptionError } from '@medins/workload';
import { describe, expect, it } from 'vitest';
import type { City } from '../src/city.ts';
import { renewalCampaign } from '../src/renewal.ts';

const thrownBy = (act: () => unknown): unknown => {
  try {
    act();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
};

describe.each([
  {
    make: () => new WorkloadOptionError('m', { entity: 'members', cause: 'c' }),
    name: 'WorkloadOptionError',
    code: 'INVALID_WORKLOAD_OPTION',
  },
  { make: () => new DrawError('m', { entity: 'members', cause: 'c' }), name: 'DrawError', code: 'NOTHING_TO_DRAW' },
  { make: () => new CalendarError('m', { entity: 'members', cause: 'c' }), name: 'CalendarError', code: 'CALENDAR_INCONSISTENT' },
])('$name', ({ make, name, code }) => {
  it(`is a MedinsError named ${name} with code ${code}, keeping entity and cause`, () => {
    const error = make();
    expect(error).toBeInstanceOf(MedinsError);
    expect([error.name, error.code, error.entity, error.cause]).toEqual([name, code, 'members', 'c']);
  });
});

describe('where the generator refuses', () => {
  it('an option out of range is a WorkloadOptionError naming the option', () => {
    expect(thrownBy(() => generateWorkload({ members: 0, claims: 10, seed: 1 }))).toMatchObject({
      name: 'WorkloadOptionError',
      entity: 'members',
    });
    expect(thrownBy(() => generateWorkload({ members: 10, claims: 1, seed: Number.NaN }))).toMatchObject({
      name: 'WorkloadOptionError',
      entity: 'seed',
    });
  });

  it('a draw from nothing is a DrawError', () => {
    const rng = createRng(1);
    expect(thrownBy(() => rng.pick([]))).toBeInstanceOf(DrawError);
    expect(thrownBy(() => rng.weighted([['a', 0]]))).toBeInstanceOf(DrawError);
  });

  it('a renewal campaign outside the next enrollment window is a CalendarError naming the campaign', () => {
    // Prepare: a city whose next window closed before Nov 15 of its year.
    const city = { year: 2024, product: { id: 'p24' }, nextProduct: { id: 'p25', window: { opensAt: 0, closesAt: 1 } } } as unknown as City;
    // Act
    const error = thrownBy(() => renewalCampaign(city));
    // Assess
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ code: 'CALENDAR_INCONSISTENT', entity: 'r-2024-2025' });
  });
});
