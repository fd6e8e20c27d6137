import { LIFECYCLE_ACTIONS, type LifecycleAction, TRANSITIONS } from '../../shared/domain/experiment/lifecycle';
import { positional } from '../args';
import { type Command, helpText } from '../command';
import { describeExperiment, type ExperimentView } from '../experiment-view';
import { EXIT_OK, writeLine } from '../io';

function lifecycleCommand(action: LifecycleAction): Command {
  const { from, to } = TRANSITIONS[action];
  return {
    name: action,
    summary: `${action} an experiment (${from.join('|')} → ${to})`,
    help: helpText(`${action} <experimentId>`, [`Moves the experiment from ${from.join(' or ')} to ${to}, and prints its new state.`]),
    options: {},
    positionals: { min: 1, max: 1 },
    async run({ args, io, client }) {
      const id = positional(args, 0);
      const response = await client().request<ExperimentView>('POST', `/v1/experiments/${encodeURIComponent(id)}/${action}`);
      writeLine(io.stdout, describeExperiment(response.body));
      return EXIT_OK;
    },
  };
}

/** `start|pause|resume|complete|archive <experimentId>`. */
export const lifecycleCommands: readonly Command[] = LIFECYCLE_ACTIONS.map(lifecycleCommand);
