/**
 * The outcome document: one result per event and the final balances, exactly as
 * the contract prints it. Results come from the engine in contract shape; this
 * only fixes the rendering.
 */
import type { Outcome } from '@medins/engine';

export function renderOutcome(outcome: Outcome): string {
  return `${JSON.stringify({ results: outcome.results, balances: outcome.balances }, null, 2)}\n`;
}
