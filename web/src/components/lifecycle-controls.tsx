/**
 * Start, pause, resume, complete, archive: the buttons an admin key may use from the experiment's
 * state, each asking first with what happens to traffic. Renders nothing for other keys.
 */
import { useState } from 'preact/hooks';
import type { Experiment } from '../../../shared/domain/experiment/experiment';
import type { LifecycleAction } from '../../../shared/domain/experiment/lifecycle-states';
import { ApiError } from '../api/api-error';
import { api } from '../api/client';
import { useSession } from '../session';
import { ConfirmDialog } from './confirm-dialog';
import { ACTION_WORDING, allowedActions } from './lifecycle-wording';

/** Properties of {@link LifecycleControls}. */
export interface LifecycleControlsProps {
  /** The experiment (its status and version). */
  readonly experiment: Pick<Experiment, 'id' | 'status' | 'version'> & { readonly definition: { readonly name: string } };
  /** Called with the experiment in its new state. */
  readonly onChanged: (experiment: Experiment) => void;
  /** Disables the buttons (e.g. while the editor holds unsaved changes). */
  readonly disabled?: boolean;
}

/** The lifecycle buttons of one experiment. */
export function LifecycleControls({ experiment, onChanged, disabled = false }: LifecycleControlsProps) {
  const session = useSession();
  const [asking, setAsking] = useState<LifecycleAction | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  if (!session.canEdit) return null;
  const actions = allowedActions(experiment.status);
  if (actions.length === 0) return null;
  const confirm = async (action: LifecycleAction) => {
    setAsking(undefined);
    setBusy(true);
    setProblem(undefined);
    try {
      onChanged((await api.transition(experiment.id, action, experiment.version)).body);
    } catch (error) {
      setProblem(error instanceof ApiError && error.code === 'concurrent_modification' ? 'Someone changed this experiment meanwhile: reload to see its state.' : error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="lifecycle" role="group" aria-label={`Run “${experiment.definition.name}”`}>
      {actions.map((action) => (
        <button key={action} type="button" class={ACTION_WORDING[action].serious ? 'secondary' : ''} disabled={busy || disabled} data-action={action} onClick={() => setAsking(action)}>
          {ACTION_WORDING[action].label}
        </button>
      ))}
      {problem ? (
        <p class="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={`${ACTION_WORDING[asking].label} “${experiment.definition.name}”?`}
          confirmLabel={`${ACTION_WORDING[asking].label} now`}
          serious={ACTION_WORDING[asking].serious}
          onConfirm={() => void confirm(asking)}
          onCancel={() => setAsking(undefined)}
        >
          <p>{ACTION_WORDING[asking].traffic}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
