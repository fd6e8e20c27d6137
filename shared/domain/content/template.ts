/**
 * `{{variable}}` templates: finding the variables a text uses and rendering it.
 * Pure; HTML escaping is the caller's choice (email HTML bodies escape, plain text does not).
 */

/** Matches `{{ name }}` with an identifier-like name (letters, digits, `_`, `.`). */
const VARIABLE_PATTERN = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/** Variables every message may use without declaring them. */
export const BUILT_IN_VARIABLES: readonly string[] = ['customerId', 'unsubscribeUrl'];

/** The distinct variable names a template text uses, in order of first use. */
export function templateVariables(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    const name = match[1];
    if (name !== undefined) seen.add(name);
  }
  return [...seen];
}

/** Escapes the five HTML special characters. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Renders a template. Every variable used must be in `values`; a missing one throws,
 * so a message is never sent with a hole in it (callers check first and report a 4xx).
 */
export function renderTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
  options: { readonly escape?: (value: string) => string } = {},
): string {
  const escape = options.escape ?? ((value: string) => value);
  return text.replace(VARIABLE_PATTERN, (_whole, name: string) => {
    // Own values only: `constructor`, `__proto__`, `toString` are variables like any other, never Object's.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value !== 'string') throw new Error(`template variable "${name}" has no value`);
    return escape(value);
  });
}

/** The variables a set of values lacks for the given templates (sorted). */
export function missingVariables(texts: readonly string[], values: Readonly<Record<string, string>>): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const name of templateVariables(text)) if (!Object.hasOwn(values, name) || values[name] === undefined) missing.add(name);
  }
  return [...missing].sort();
}
