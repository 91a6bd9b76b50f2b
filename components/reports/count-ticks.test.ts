import { describe, expect, it } from 'vitest';
import { countTicks } from './count-ticks.ts';

describe('countTicks', () => {
  it.each([
    [2532, [0, 1000, 2000, 3000]],
    [5530, [0, 2000, 4000, 6000]],
    [231, [0, 50, 100, 150, 200, 250]],
    [258, [0, 100, 200, 300]],
    [31, [0, 10, 20, 30, 40]],
    [14, [0, 5, 10, 15]],
    [9, [0, 2, 4, 6, 8, 10]],
    [3, [0, 1, 2, 3]],
    [1, [0, 1]],
    [250, [0, 50, 100, 150, 200, 250]],
  ])('counts up to %i in round steps', (max, ticks) => {
    expect(countTicks(max)).toEqual(ticks);
  });

  it('has an axis, 0 to 1, when there is nothing to count', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(-Infinity)).toEqual([0, 1]);
  });

  it('steps in 2.5s only where they are whole numbers', () => {
    expect(countTicks(110)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(countTicks(12)).toEqual([0, 5, 10, 15]); // not 2.5, 5, 7.5…
  });
});
