/** The state the RenewalWorkflow carries from page to page: never the policies of more than one page. */

import type { SealedEventDoc } from '@medins/contract';
import type { Policy, RenewalResult } from '@medins/engine';

export interface CampaignState {
  readonly event: SealedEventDoc;
  readonly report: RenewalResult;
  /** The page being renewed; `cursor` present only when more pages follow. */
  readonly page?: { readonly policies: readonly Policy[]; readonly cursor?: string };
  /** Policies walked so far. */
  readonly walked: number;
  readonly result?: RenewalResult;
}
