/**
 * Shape limits of every JSON request body, checked before any schema sees it: nesting deeper than
 * DynamoDB stores (and than a recursive schema may safely descend), and `__proto__` keys (which
 * rewrite prototypes when copied into plain objects). Each is a 400 naming where it is.
 */
import { ValidationError } from '../../domain/errors/channel-lab-error';

/**
 * Deepest nesting of objects and arrays accepted in a body: DynamoDB's limit for an item (32
 * levels), so nothing deeper can reach a write, and no recursive schema can overflow the stack (a
 * rule nested 3,000 deep was a 500). Per-item checks (`storable.ts`) judge what fits under it.
 */
export const MAX_JSON_DEPTH = 32;
/**
 * Deepest nesting accepted in a body whose items are judged one by one (the batch routes, whose
 * body the handler validates): an item nested deeper than DynamoDB stores is rejected alone by its
 * use case (`storable.ts`, or its schema), while the other items go on. Past this, the body is
 * refused whole: far beyond any real item, and far inside what recursive code may safely descend.
 */
export const MAX_ITEMIZED_BODY_DEPTH = 256;
/** Keys refused anywhere in a body. */
export const FORBIDDEN_JSON_KEYS: readonly string[] = ['__proto__'];

/** A path such as `attributes.tree.a[0]`. */
function pathOf(parts: readonly (string | number)[]): string {
  return parts.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/**
 * Walks a parsed JSON value iteratively (no recursion, so any depth is safe to inspect).
 * @throws ValidationError at the first container nested deeper than {@link MAX_JSON_DEPTH}, or the first forbidden key.
 */
export function assertSafeJson(value: unknown, maxDepth: number = MAX_JSON_DEPTH): void {
  const stack: { readonly value: unknown; readonly depth: number; readonly path: readonly (string | number)[] }[] = [{ value, depth: 1, path: [] }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.value === null || typeof current.value !== 'object') continue;
    if (current.depth > maxDepth) {
      const where = pathOf(current.path);
      throw new ValidationError(`request body nests deeper than ${maxDepth} levels (at ${where})`, [{ path: where, message: `nests deeper than ${maxDepth} levels of objects and arrays` }]);
    }
    if (Array.isArray(current.value)) {
      current.value.forEach((item, index) => stack.push({ value: item, depth: current.depth + 1, path: [...current.path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(current.value)) {
      if (FORBIDDEN_JSON_KEYS.includes(key)) {
        const where = pathOf([...current.path, key]);
        throw new ValidationError(`"${key}" is not allowed as a key (at ${where})`, [{ path: where, message: `"${key}" is not allowed as a key` }]);
      }
      stack.push({ value: item, depth: current.depth + 1, path: [...current.path, key] });
    }
  }
}
