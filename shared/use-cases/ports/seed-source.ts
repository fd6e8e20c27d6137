/** A source of decision seeds (random in production, fixed in tests). */
export interface SeedSource {
  /** A new 32-bit seed. */
  nextSeed(): number;
}
