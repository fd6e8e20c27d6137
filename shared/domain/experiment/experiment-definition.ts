import * as z from 'zod';
import { BUILT_IN_VARIABLES, templateVariables } from '../content/template';
import { DEFAULT_SEGMENT } from '../segments/evaluate-segment';
import { MAX_RULE_DEPTH, ruleDepth, SegmentRuleSchema } from '../segments/segment-rule';
import { ChannelContentSchema, contentTemplates } from './channels';
import { FollowUpSchema, GuardrailsSchema } from './guardrails';
import { GoalSchema, JourneyStageSchema } from './journey';
import { PolicySchema, StoppingSchema } from './policy';
import { ExitsSchema, TriggerSchema, triggerIssues } from '../triggers/trigger';

import { MAX_CHANNELS, MIN_CHANNELS } from './limits';

export { MAX_CHANNELS, MIN_CHANNELS };
/** Most named segments (besides the implicit default). */
export const MAX_SEGMENTS = 50;
/** Most declared template variables. */
export const MAX_VARIABLES = 50;
/** Names of segments and variables: letters, digits, `_`, `-`. */
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Variable names: identifier with dots. */
const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/;

/** A named segment rule (first match wins; `default` is implicit and last). */
export const SegmentSchema = z.strictObject({
  name: z.string().regex(NAME_PATTERN, 'segment name must start with a letter and use letters, digits, _ or - (max 64)'),
  rule: SegmentRuleSchema,
});

/** Optional start/end of an experiment (ISO 8601 instants). */
export const ScheduleSchema = z.strictObject({
  startAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  endAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
});

const DefinitionObjectSchema = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters'),
  description: z.string().max(2000).optional(),
  stage: JourneyStageSchema,
  channels: z
    .array(ChannelContentSchema)
    .min(MIN_CHANNELS, `an experiment needs at least ${MIN_CHANNELS} channels`)
    .max(MAX_CHANNELS, `an experiment has at most ${MAX_CHANNELS} channels`),
  variables: z.array(z.string().regex(VARIABLE_PATTERN, 'variable names are identifiers (letters, digits, _ and .)')).max(MAX_VARIABLES).default([]),
  segments: z.array(SegmentSchema).max(MAX_SEGMENTS, `at most ${MAX_SEGMENTS} segments`).default([]),
  goal: GoalSchema,
  policy: PolicySchema.default(PolicySchema.parse({})),
  guardrails: GuardrailsSchema.default(GuardrailsSchema.parse({})),
  followUp: FollowUpSchema.optional(),
  stopping: StoppingSchema.default(StoppingSchema.parse({})),
  schedule: ScheduleSchema.optional(),
  /** The customer event that starts a send (after its delay), instead of the marketer's systems calling sends. */
  trigger: TriggerSchema.optional(),
  /** Customer events that cancel this experiment's waiting triggered sends. */
  exits: ExitsSchema.optional(),
});

type DefinitionObject = z.output<typeof DefinitionObjectSchema>;

function firstRepeated<T>(values: readonly T[]): { value: T; index: number } | undefined {
  const seen = new Set<T>();
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) return { value, index };
    seen.add(value);
  }
  return undefined;
}

/** Cross-field rules a single field's schema cannot see. */
function checkDefinition(definition: DefinitionObject, ctx: z.RefinementCtx): void {
  const repeatedChannel = firstRepeated(definition.channels.map((content) => content.channel));
  if (repeatedChannel) {
    ctx.addIssue({ code: 'custom', path: ['channels', repeatedChannel.index, 'channel'], message: `channel "${repeatedChannel.value}" repeated: each channel is one arm` });
  }
  const channelCount = definition.channels.length;
  if (definition.policy.minShare * channelCount >= 1) {
    ctx.addIssue({ code: 'custom', path: ['policy', 'minShare'], message: `minShare × channels must be < 1 (got ${definition.policy.minShare} × ${channelCount})` });
  }
  const repeatedSegment = firstRepeated(definition.segments.map((segment) => segment.name));
  if (repeatedSegment) {
    ctx.addIssue({ code: 'custom', path: ['segments', repeatedSegment.index, 'name'], message: `segment name repeated: "${repeatedSegment.value}"` });
  }
  definition.segments.forEach((segment, index) => {
    if (segment.name === DEFAULT_SEGMENT) {
      ctx.addIssue({ code: 'custom', path: ['segments', index, 'name'], message: `"${DEFAULT_SEGMENT}" is the implicit last segment and cannot be defined` });
    }
    if (ruleDepth(segment.rule) > MAX_RULE_DEPTH) {
      ctx.addIssue({ code: 'custom', path: ['segments', index, 'rule'], message: `rule nested deeper than ${MAX_RULE_DEPTH} levels` });
    }
  });
  const repeatedVariable = firstRepeated(definition.variables);
  if (repeatedVariable) {
    ctx.addIssue({ code: 'custom', path: ['variables', repeatedVariable.index], message: `variable repeated: "${repeatedVariable.value}"` });
  }
  const declared = new Set([...definition.variables, ...BUILT_IN_VARIABLES]);
  definition.channels.forEach((content, index) => {
    const undeclared = contentTemplates(content).flatMap(templateVariables).filter((name) => !declared.has(name));
    for (const name of new Set(undeclared)) {
      ctx.addIssue({ code: 'custom', path: ['channels', index], message: `${content.channel} content uses {{${name}}}, which is not declared in variables` });
    }
  });
  if (definition.followUp && definition.followUp.maxSteps > channelCount - 1) {
    ctx.addIssue({ code: 'custom', path: ['followUp', 'maxSteps'], message: `maxSteps must be ≤ channels − 1 (${channelCount - 1}): each follow-up uses another channel` });
  }
  const { startAt, endAt } = definition.schedule ?? {};
  if (startAt !== undefined && endAt !== undefined && Date.parse(endAt) <= Date.parse(startAt)) {
    ctx.addIssue({ code: 'custom', path: ['schedule', 'endAt'], message: 'schedule.endAt must be after schedule.startAt' });
  }
  for (const issue of triggerIssues(definition)) ctx.addIssue({ code: 'custom', ...issue });
}

/** What a marketer defines: the message per channel, segments, goal, policy, guardrails. */
export const ExperimentDefinitionSchema = DefinitionObjectSchema.superRefine(checkDefinition);

/** A validated experiment definition with defaults applied. */
export type ExperimentDefinition = z.output<typeof ExperimentDefinitionSchema>;
/** An experiment definition as written by a marketer (defaults optional). */
export type ExperimentDefinitionInput = z.input<typeof ExperimentDefinitionSchema>;

/** The segment names of a definition in evaluation order, `default` last. */
export function segmentNames(definition: Pick<ExperimentDefinition, 'segments'>): string[] {
  return [...definition.segments.map((segment) => segment.name), DEFAULT_SEGMENT];
}
