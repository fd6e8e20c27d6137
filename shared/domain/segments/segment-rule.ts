import * as z from 'zod';

/** Comparison operators of a segment condition. */
export const OPERATORS = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'exists', 'contains'] as const;
/** A comparison operator. */
export type Operator = (typeof OPERATORS)[number];

/** A scalar attribute value a condition can compare with. */
export type Scalar = string | number | boolean;

/** A condition over one customer attribute. */
export interface Condition {
  /** Attribute name (dots address nested attributes: `app.platform`). */
  readonly attribute: string;
  /** Operator. */
  readonly op: Operator;
  /** Operand: a scalar, a list for `in`/`nin`, a boolean for `exists` (default true). */
  readonly value?: Scalar | readonly Scalar[];
}

/** A segment rule: a condition or an `all` / `any` / `not` combination. */
export type SegmentRule =
  | Condition
  | { readonly all: readonly SegmentRule[] }
  | { readonly any: readonly SegmentRule[] }
  | { readonly not: SegmentRule };

/** Deepest nesting of combinators accepted. */
export const MAX_RULE_DEPTH = 8;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

const ConditionSchema = z
  .strictObject({
    attribute: z.string().trim().min(1, 'attribute must not be empty').max(200),
    op: z.enum(OPERATORS),
    value: z.union([ScalarSchema, z.array(ScalarSchema).max(1000)]).optional(),
  })
  .superRefine((condition, ctx) => {
    const { op, value } = condition;
    const isList = Array.isArray(value);
    if ((op === 'in' || op === 'nin') && !isList) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${op}" needs a list value` });
    } else if (op === 'exists') {
      if (value !== undefined && typeof value !== 'boolean') {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'operator "exists" takes true, false or no value' });
      }
    } else if (op !== 'in' && op !== 'nin') {
      if (value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${op}" needs a value` });
      else if (isList) ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${op}" takes a single value, not a list` });
      else if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && typeof value === 'boolean') {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `operator "${op}" compares numbers or strings, not booleans` });
      }
    }
  });

/** Zod schema of a segment rule (recursive). */
export const SegmentRuleSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(SegmentRuleSchema).min(1, 'all needs at least one rule') }),
    z.strictObject({ any: z.array(SegmentRuleSchema).min(1, 'any needs at least one rule') }),
    z.strictObject({ not: SegmentRuleSchema }),
    ConditionSchema,
  ]),
) as z.ZodType<SegmentRule>;

/** Depth of a rule tree (a condition is depth 1). */
export function ruleDepth(rule: SegmentRule): number {
  if ('all' in rule) return 1 + Math.max(...rule.all.map(ruleDepth));
  if ('any' in rule) return 1 + Math.max(...rule.any.map(ruleDepth));
  if ('not' in rule) return 1 + ruleDepth(rule.not);
  return 1;
}
