import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import { ValidationError } from '../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../shared/domain/errors/zod-issues';
import { type ExperimentDefinition, ExperimentDefinitionSchema } from '../shared/domain/experiment/experiment-definition';

/**
 * The one top-level field a YAML file may carry besides the API's definition: a stable name of the
 * experiment for `apply` (stripped before validation and never sent as part of the definition).
 */
export const KEY_FIELD = 'key';
/** What a `key` may look like: it becomes part of an `Idempotency-Key` header. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,199}$/;
/** What is being validated, for messages. */
const WHAT = 'experiment definition';

/** One problem in a YAML file, located by its path in the definition and its line in the file. */
export interface DefinitionProblem {
  /** Path in the definition, e.g. `channels[1].text` (`''` for the whole file). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** 1-based line in the file, when the path (or its nearest parent) is found there. */
  readonly line?: number;
}

/** The outcome of checking one YAML text. */
export type DefinitionCheck =
  | { readonly ok: true; readonly definition: ExperimentDefinition; readonly input: Record<string, unknown>; readonly key?: string }
  | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** Splits `channels[1].text` into `['channels', 1, 'text']`. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    segments.push(match[1] === undefined ? (match[2] ?? '') : Number(match[1]));
  }
  return segments;
}

/** The 1-based line of the node at `segments`, or of its nearest ancestor present in the file. */
export function lineOf(doc: Document, lineCounter: LineCounter, segments: readonly (string | number)[]): number | undefined {
  for (let length = segments.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(segments.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The outcome of checking one YAML (or JSON) text against a schema of the API. */
export type YamlCheck<T> =
  | { readonly ok: true; readonly value: T; readonly input: Record<string, unknown>; readonly key?: string }
  | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/**
 * Parses a YAML (or JSON, which is YAML) document and validates it with one of the API's own
 * schemas, locating every problem (syntax, unknown or missing fields, cross-field rules) at a line
 * of the file. The optional top-level `key` is taken out first (see {@link KEY_FIELD}).
 * `fields` names what the mapping holds, for the message when the file is not a mapping.
 */
export function checkYaml<S extends z.ZodType>(text: string, schema: S, what: string, fields: string): YamlCheck<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ path: '', message: `YAML: ${error.message.split('\n')[0] ?? error.code}`, line: lineCounter.linePos(error.pos[0]).line })),
    };
  }
  const value: unknown = doc.toJS();
  if (!isPlainObject(value)) {
    return { ok: false, problems: [{ path: '', message: `the file must be a YAML mapping: the fields of ${fields}`, line: lineOf(doc, lineCounter, []) ?? 1 }] };
  }
  const { [KEY_FIELD]: key, ...input } = value;
  if (key !== undefined && (typeof key !== 'string' || !KEY_PATTERN.test(key))) {
    return { ok: false, problems: [{ path: KEY_FIELD, message: 'key must be 1–200 letters, digits, _ . : / or -, starting with a letter or digit', line: lineOf(doc, lineCounter, [KEY_FIELD]) }] };
  }
  try {
    return { ok: true, value: parseOrThrow(schema, input, what), input, ...(key === undefined ? {} : { key }) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const details = error.details ?? [{ path: '', message: error.message }];
    const problems = details.map((detail) => ({ ...detail, line: lineOf(doc, lineCounter, pathSegments(detail.path)) }));
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER)) };
  }
}

/**
 * Parses a YAML experiment definition and validates it with the API's own schema, locating every
 * problem (YAML syntax, unknown or missing fields, cross-field rules) at a line of the file.
 */
export function checkDefinitionYaml(text: string): DefinitionCheck {
  const check = checkYaml(text, ExperimentDefinitionSchema, WHAT, 'an experiment definition (name, stage, channels, goal…)');
  if (!check.ok) return check;
  return { ok: true, definition: check.value, input: check.input, ...(check.key === undefined ? {} : { key: check.key }) };
}
