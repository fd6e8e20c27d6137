import { LineCounter, parseDocument } from 'yaml';
import { ValidationError } from '../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../shared/domain/errors/zod-issues';
import { lineOf, pathSegments, type DefinitionProblem } from '../cli/yaml-definition';
import { type Scenario, ScenarioSchema } from './scenario';

/** The outcome of reading a scenario file's text. */
export type ScenarioCheck = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** Parses and validates a scenario YAML text, locating each problem at a line. */
export function checkScenarioYaml(text: string): ScenarioCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((error) => ({ path: '', message: `YAML: ${error.message.split('\n')[0] ?? error.code}`, line: lineCounter.linePos(error.pos[0]).line })) };
  }
  try {
    return { ok: true, scenario: parseOrThrow(ScenarioSchema, doc.toJS(), 'scenario') };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const details = error.details ?? [{ path: '', message: error.message }];
    return { ok: false, problems: details.map((detail) => ({ ...detail, line: lineOf(doc, lineCounter, pathSegments(detail.path)) })) };
  }
}
