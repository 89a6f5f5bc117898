/**
 * The autumn renewal campaign (generator → renewal, 续保): one run in the small
 * hours of Nov 15 of the service year, offering every policy of year Y the product
 * of Y+1, inside the Y+1 enrollment window.
 */

import type { City } from './city.ts';
import { isoShanghai, shanghai } from './clock.ts';
import { CalendarError } from './errors.ts';
import type { Timed } from './types.ts';

/** When the campaign runs: 02:00 on Nov 15 of the service year. */
export function campaignAt(city: City): number {
  return shanghai(city.year, 11, 15, 2, 0, 0);
}

export function renewalCampaign(city: City): Timed {
  const at = campaignAt(city);
  if (at < city.nextProduct.window.opensAt || at > city.nextProduct.window.closesAt) {
    throw new CalendarError('the renewal campaign must run inside the next enrollment window', {
      entity: `r-${city.year}-${city.year + 1}`,
    });
  }
  return {
    at,
    event: {
      type: 'renewalCampaign',
      id: `r-${city.year}-${city.year + 1}`,
      at: isoShanghai(at),
      fromProductId: city.product.id,
      toProductId: city.nextProduct.id,
    },
  };
}
