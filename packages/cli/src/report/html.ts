/**
 * report.html of the main job, the chaos run and the what-if: the insurer's charts
 * of a run (see @medins/insurer's reportHtml), written beside its other files, and
 * the clock that times the run's claims for the throughput chart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InsurerRun, reportData, reportHtml, type ThroughputPoint, throughputOf, type WhatIfReport } from '@medins/insurer';

/** Writes DIR/report.html; returns its path. */
export function writeReportHtml(
  dir: string,
  run: InsurerRun,
  extra: { readonly title: string; readonly throughput?: readonly ThroughputPoint[]; readonly whatIf?: WhatIfReport },
): string {
  const file = join(dir, 'report.html');
  writeFileSync(file, reportHtml(reportData(run, extra)));
  return file;
}

/** Notes when each claim of a run finished (each event id once), for claims per second over the run. */
export function claimClock(now: () => number = () => performance.now()) {
  const finished = new Map<string, number>();
  return {
    onFinished(event: { readonly id: string; readonly type: string }): void {
      if (event.type === 'claim' && !finished.has(event.id)) finished.set(event.id, now());
    },
    throughput: (): ThroughputPoint[] => throughputOf([...finished.values()]),
  };
}
