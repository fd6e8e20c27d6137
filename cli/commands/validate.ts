import { positional } from '../args';
import { type Command, helpText } from '../command';
import { readDefinitionFile } from '../definition-file';
import { formatProblem } from '../format';
import { EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { checkDefinitionYaml } from '../yaml-definition';

/** `validate <file.yaml>`: checks a definition locally with the API's schema, no API call. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a YAML experiment definition locally (no API call)',
  help: helpText('validate <file.yaml>', [
    'Parses the YAML file and validates it with the same schema as the API, printing each',
    'problem as file:line: path: message. Exit code 1 when there are problems.',
  ]),
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ args, io }) {
    const file = await readDefinitionFile(positional(args, 0), io);
    const check = checkDefinitionYaml(file.text);
    if (!check.ok) {
      for (const problem of check.problems) writeLine(io.stderr, formatProblem(file.path, problem));
      writeLine(io.stderr, `${check.problems.length} problem${check.problems.length === 1 ? '' : 's'} in ${file.path}`);
      return EXIT_FAILURE;
    }
    const { definition } = check;
    writeLine(io.stdout, `${file.path}: valid — "${definition.name}", ${definition.stage}, ${definition.channels.length} channels (${definition.channels.map((content) => content.channel).join(', ')}), ${definition.segments.length + 1} segments`);
    return EXIT_OK;
  },
};
