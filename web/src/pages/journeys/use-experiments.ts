/**
 * The experiments a journey page names: read once (one page of the API's largest size) so that
 * journeys can show experiment names, stages and triggers instead of ids.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type ListedExperiment } from '../../api/client';

/** Experiments read (the API's largest page). */
export const EXPERIMENTS_READ = 100;

/** The experiments, by id, or why they could not be read. */
export interface ExperimentIndex {
  /** `undefined` until read. */
  readonly items: readonly ListedExperiment[] | undefined;
  readonly byId: ReadonlyMap<string, ListedExperiment>;
  readonly problem: string | undefined;
}

/** Reads the experiments once per mount. */
export function useExperiments(): ExperimentIndex {
  const [state, setState] = useState<ExperimentIndex>({ items: undefined, byId: new Map(), problem: undefined });
  useEffect(() => {
    let live = true;
    api.listExperiments({ limit: EXPERIMENTS_READ }).then(
      (page) => live && setState({ items: page.items, byId: new Map(page.items.map((item) => [item.id, item])), problem: undefined }),
      (error: unknown) => live && setState({ items: [], byId: new Map(), problem: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
