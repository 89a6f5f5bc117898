/**
 * The commit clock: microseconds since the epoch, strictly increasing within a
 * process. Two commits that touch the same item are ordered by DynamoDB (the later
 * one read what the earlier wrote, so it took its timestamp later); the clock only
 * has to break ties between commits that do not conflict, whose order does not matter.
 */
let last = 0;

export function commitClock(): number {
  const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  last = now > last ? now : last + 1;
  return last;
}
