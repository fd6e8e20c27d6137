/** Signed tracking and unsubscribe tokens and links. */
export * from './tracking-payload';
export * from './tracking-token';
export * from './tracking-links';
export * from './key-ring';
