// The value axis of a dashboard chart counts things (visits, nights, referrals): its ticks are
// whole numbers in round steps (0, 50, 100… rather than recharts' 0, 65, 130…), about five of
// them, and the last one reaches past the largest value so the longest bar does not fill the axis.

const STEPS = [1, 2, 2.5, 5, 10];

/** Ticks from 0 for counts up to `max`: 0 to 1 when there is nothing to count. */
export function countTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, STEPS.map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ?? 10 * power);
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}
