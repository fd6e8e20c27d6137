import { canonicalJson, derivedExperimentId, experimentKey, idempotencyKeyFor } from '../apply-identity';
import { positional } from '../args';
import { type Command, helpText } from '../command';
import { readDefinitionFile } from '../definition-file';
import { createOrFind } from '../create-or-find';
import { CommandFailure } from '../errors';
import { describeExperiment, type ExperimentView } from '../experiment-view';
import { formatProblem } from '../format';
import { EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { checkDefinitionYaml } from '../yaml-definition';

/** Status in which a definition may still change. */
const EDITABLE_STATUS = 'draft';
/** `apply <file.yaml>`: creates the file's experiment, or updates its draft when the file changed. */
export const applyCommand: Command = {
  name: 'apply',
  summary: 'create the experiment a YAML file defines, or update its draft',
  help: helpText('apply <file.yaml>', [
    'Validates the file, then makes the API hold what it says; safe to re-run.',
    '',
    "The file's identity is its optional top-level `key:` field (the only field besides the",
    "API's definition; it is not sent), else the file name without extension. The experiment is",
    'created with the Idempotency-Key "channel-lab-cli:<key>", so:',
    '  - first apply               → created (a draft)',
    '  - same file again           → unchanged (same experiment, nothing written)',
    '  - file edited, still draft  → updated: PUT with If-Match (version + 1)',
    '  - file edited, not a draft  → error: a started experiment keeps its definition;',
    '                                give the file a new key to create a new experiment',
    'The file is never rewritten. Start the experiment with `start <id>`.',
  ]),
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ args, io, client }) {
    const file = await readDefinitionFile(positional(args, 0), io);
    const check = checkDefinitionYaml(file.text);
    if (!check.ok) {
      for (const problem of check.problems) writeLine(io.stderr, formatProblem(file.path, problem));
      return EXIT_FAILURE;
    }
    const api = client();
    const idempotencyKey = idempotencyKeyFor(experimentKey(file.path, check.key));
    const { item: experiment, created } = await createOrFind<ExperimentView>(api, '/v1/experiments', idempotencyKey, check.input, derivedExperimentId);
    if (created) {
      writeLine(io.stdout, `created ${describeExperiment(experiment)}`);
      return EXIT_OK;
    }
    if (canonicalJson(experiment.definition) === canonicalJson(check.definition)) {
      writeLine(io.stdout, `unchanged ${describeExperiment(experiment)}`);
      return EXIT_OK;
    }
    if (experiment.status !== EDITABLE_STATUS) {
      throw new CommandFailure([
        `${file.path} changed, but experiment ${experiment.id} is ${experiment.status}: only a draft's definition can change`,
        `to test the new definition, give the file a new "key:" (a new experiment) and apply it`,
      ]);
    }
    const updated = await api.request<ExperimentView>('PUT', `/v1/experiments/${encodeURIComponent(experiment.id)}`, {
      body: check.input,
      headers: { 'If-Match': `"${experiment.version}"` },
    });
    writeLine(io.stdout, `updated ${describeExperiment(updated.body)}`);
    return EXIT_OK;
  },
};
