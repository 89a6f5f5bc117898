/**
 * The engine's single entry for one event that is decided in one step. A renewal
 * campaign is decided policy by policy (renewal/renew.ts), because each renewal
 * must see the balances the previous one left.
 */

import { decideClaim } from '../claims/decide-claim.ts';
import { decideReversal } from '../claims/reverse.ts';
import { decideEnrollment } from '../enrollment/enroll.ts';
import { decideBindFamily, decideUnbindFamily } from '../family/bind.ts';
import { decideReview } from '../review/decide-review.ts';
import { decideBindViewer } from '../viewer/bind-viewer.ts';
import type { DomainEvent } from '../world/events.ts';
import type { Decision } from './changes.ts';
import type { StateView } from './view.ts';

export type SingleStepEvent = Exclude<DomainEvent, { type: 'renewalCampaign' }>;

export function decide(event: SingleStepEvent, view: StateView): Decision {
  switch (event.type) {
    case 'claim':
    case 'quote':
      return decideClaim(event, view);
    case 'reverseClaim':
      return decideReversal(event, view);
    case 'reviewDecision':
      return decideReview(event, view);
    case 'enroll':
      return decideEnrollment(event, view);
    case 'bindFamily':
      return decideBindFamily(event, view);
    case 'unbindFamily':
      return decideUnbindFamily(event, view);
    case 'bindViewer':
      return decideBindViewer(event, view);
  }
}
