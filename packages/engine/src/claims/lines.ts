/**
 * Splits a visit's cost lines by catalogue class: in scope (A, and B less its first
 * self-pay), first self-pay, self-funded (OOC) and non-medical.
 */
import { add, type Fen, mulBps, sub, ZERO } from '../core/money.ts';
import type { CostLine } from '../world/events.ts';

export interface LineSplit {
  readonly totalFen: Fen;
  /** `scopeFen` = Σ A + Σ (B − round(B × selfPayRatio)). */
  readonly scopeFen: Fen;
  readonly firstSelfPayFen: Fen;
  readonly selfFundedFen: Fen;
  /** Wellness, fitness: no tier pays it and no account may. */
  readonly nonMedicalFen: Fen;
}

export function splitLines(lines: readonly CostLine[]): LineSplit {
  let scope = ZERO;
  let first = ZERO;
  let ooc = ZERO;
  let nonMedical = ZERO;
  for (const line of lines) {
    switch (line.category) {
      case 'A':
        scope = add(scope, line.amountFen);
        break;
      case 'B': {
        const kept = mulBps(line.amountFen, line.selfPayBps);
        first = add(first, kept);
        scope = add(scope, sub(line.amountFen, kept));
        break;
      }
      case 'OOC':
        ooc = add(ooc, line.amountFen);
        break;
      case 'nonMedical':
        nonMedical = add(nonMedical, line.amountFen);
        break;
    }
  }
  return {
    totalFen: add(scope, first, ooc, nonMedical),
    scopeFen: scope,
    firstSelfPayFen: first,
    selfFundedFen: ooc,
    nonMedicalFen: nonMedical,
  };
}
