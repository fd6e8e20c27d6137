/** Test helpers for the bandit: arm statistics from compact values. */
import type { ArmStatistics, BetaPosterior, Channel } from '../../../../shared/domain/bandit';

/** Arm statistics with everything matured and all responses in the first bucket. */
export function maturedArm(channel: Channel, sends: number, successes: number): ArmStatistics {
  return { channel, sends, maturedSends: sends, successes, maturedDelayHistogram: [successes], openSendsByElapsed: [] };
}

/** The posterior with `successes` of `sends` on a uniform prior. */
export function posteriorOf(sends: number, successes: number): BetaPosterior {
  return { alpha: 1 + successes, beta: 1 + sends - successes };
}
