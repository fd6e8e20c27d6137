/**
 * Port of the experiment use cases: judges a webhook URL when an experiment is defined or updated,
 * so that a target inside the deployment's network is refused then, not first at send time (where
 * the sender checks again, resolving the host as it connects).
 */

/** Judges webhook targets against the deployment's rules (its allow-list included). */
export interface WebhookTargets {
  /** Why `url` may never be called (e.g. `webhook host 127.0.0.1 is a loopback … address`), or undefined when it may. */
  problem(url: string): Promise<string | undefined>;
}
