/**
 * The `uniform` policy: classic A/B/n, equal traffic to every arm.
 */

/**
 * Equal weights.
 *
 * @param armCount - K.
 * @returns K weights of 1/K.
 */
export function uniformWeights(armCount: number): number[] {
  return new Array<number>(armCount).fill(1 / armCount);
}
