/** The simulation's time: the platform's clock, and a way to wait for a simulated instant. */
export interface SimulationClock {
  /** The current simulated instant. */
  now(): Date;
  /** Resolves at simulated instant `at` (at once if it has passed, or when `signal` aborts). */
  sleepUntil(at: Date, signal?: AbortSignal): Promise<void>;
}

/**
 * Simulated time that runs `speed` times faster than the wall clock from `origin`: a real second
 * is `speed` simulated seconds. The local platform runs on the same instance, so the platform and
 * the simulated customers share one time line (windows, delays, cadences are all in it).
 */
export class ScaledWallClock implements SimulationClock {
  private readonly wallStart: number;

  constructor(
    /** The simulated instant at the start. */
    private readonly origin: Date,
    /** Simulated seconds per real second. */
    readonly speed: number,
    private readonly wallNow: () => number = () => Date.now(),
  ) {
    this.wallStart = wallNow();
  }

  now(): Date {
    return new Date(this.origin.getTime() + (this.wallNow() - this.wallStart) * this.speed);
  }

  /** Real milliseconds of `simulatedMs` simulated ones. */
  realMs(simulatedMs: number): number {
    return simulatedMs / this.speed;
  }

  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    const waitMs = this.realMs(at.getTime() - this.now().getTime());
    if (waitMs <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
