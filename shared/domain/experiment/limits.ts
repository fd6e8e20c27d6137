/** Fewest arms (channels) an experiment may have. */
export const MIN_CHANNELS = 2;
/** Most arms (channels) an experiment may have. */
export const MAX_CHANNELS = 8;
/** Largest holdout share accepted. */
export const MAX_HOLDOUT = 0.5;
