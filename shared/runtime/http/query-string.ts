/**
 * The one query-string parser of the HTTP runtime. API Gateway's `queryStringParameters` joins the
 * values of a repeated key with commas (`?a=1&a=2` → `"1,2"`), which cannot be told apart from a
 * value that contains a comma, so the Lambda adapter reads `rawQueryString` with this function and
 * the local server hands the same raw string over: both paths see the same query.
 */

/** Every value of every key of a raw query string (without `?`), decoded (`+` is a space), in order. */
export function parseQueryString(rawQueryString: string): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) (query[name] ??= []).push(value);
  return query;
}
