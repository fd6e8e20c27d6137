import * as z from 'zod';
import { JOURNEY_STAGES, type JourneyStage, JourneyStageSchema } from '../experiment/journey';

/** Longest journey name. */
export const MAX_JOURNEY_NAME_LENGTH = 120;
/** Longest journey description. */
export const MAX_JOURNEY_DESCRIPTION_LENGTH = 1000;
/** Most experiments one journey groups (each is claimed in the same transaction as the journey). */
export const MAX_JOURNEY_EXPERIMENTS = 20;
/** Longest experiment id a journey names. */
export const MAX_EXPERIMENT_ID_LENGTH = 256;
/** Largest number of messages a journey cap may allow in its window. */
export const MAX_CAP_MESSAGES = 100;
/** Longest cap window, in days. */
export const MAX_CAP_DAYS = 90;

/** The rank of a journey stage in the customer journey (awareness 0 … loyalty 4). */
export function stageRank(stage: JourneyStage): number {
  return JOURNEY_STAGES.indexOf(stage);
}

/** A journey's per-customer limit: at most `messages` messages of the journey in any `perDays` days. */
export const JourneyCapSchema = z.strictObject({
  messages: z.number().int('cap.messages must be a whole number').min(1, 'cap.messages must be ≥ 1').max(MAX_CAP_MESSAGES, `cap.messages must be ≤ ${MAX_CAP_MESSAGES}`),
  perDays: z.number().int('cap.perDays must be a whole number of days').min(1, 'cap.perDays must be ≥ 1').max(MAX_CAP_DAYS, `cap.perDays must be ≤ ${MAX_CAP_DAYS}`),
});
/** A journey's per-customer message limit. */
export type JourneyCap = z.output<typeof JourneyCapSchema>;

/** One stage of a journey: the journey stage and the experiments that carry its messages. */
export const JourneyStageEntrySchema = z.strictObject({
  stage: JourneyStageSchema,
  experimentIds: z
    .array(z.string().min(1, 'an experiment id is empty').max(MAX_EXPERIMENT_ID_LENGTH, `an experiment id is at most ${MAX_EXPERIMENT_ID_LENGTH} characters`))
    .min(1, 'a stage names at least one experiment'),
});
/** One stage of a journey. */
export type JourneyStageEntry = z.output<typeof JourneyStageEntrySchema>;

/** Problems of the stages as a whole: order, repeats, size (each with the path to put it on). */
function stageProblems(stages: readonly JourneyStageEntry[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, string>();
  stages.forEach((entry, index) => {
    const previous = stages[index - 1];
    if (previous !== undefined && stageRank(entry.stage) <= stageRank(previous.stage)) {
      problems.push({
        path: ['stages', index, 'stage'],
        message: `stages follow the journey order (${JOURNEY_STAGES.join(' → ')}) and each appears once: ${entry.stage} cannot come after ${previous.stage}`,
      });
    }
    entry.experimentIds.forEach((id, position) => {
      const first = seen.get(id);
      if (first !== undefined) problems.push({ path: ['stages', index, 'experimentIds', position], message: `experiment ${id} is already in this journey (${first})` });
      else seen.set(id, `stages[${index}].experimentIds[${position}]`);
    });
  });
  if (seen.size > MAX_JOURNEY_EXPERIMENTS) problems.push({ path: ['stages'], message: `a journey groups at most ${MAX_JOURNEY_EXPERIMENTS} experiments (this one names ${seen.size})` });
  return problems;
}

/**
 * What a marketer defines of a journey: a name, its stages in journey order (each with the
 * experiments of that stage; an experiment's own `stage` must be the one it is listed under), and an
 * optional per-customer cap on the journey's messages.
 */
export const JourneyDefinitionSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'name is required').max(MAX_JOURNEY_NAME_LENGTH, `name is at most ${MAX_JOURNEY_NAME_LENGTH} characters`),
    description: z.string().max(MAX_JOURNEY_DESCRIPTION_LENGTH, `description is at most ${MAX_JOURNEY_DESCRIPTION_LENGTH} characters`).optional(),
    stages: z.array(JourneyStageEntrySchema).min(1, 'a journey has at least one stage').max(JOURNEY_STAGES.length, `a journey has at most ${JOURNEY_STAGES.length} stages`),
    cap: JourneyCapSchema.optional(),
  })
  .superRefine((definition, context) => {
    for (const problem of stageProblems(definition.stages)) context.addIssue({ code: 'custom', ...problem });
  });
/** A journey's definition. */
export type JourneyDefinition = z.output<typeof JourneyDefinitionSchema>;

/** A journey as stored: its definition plus identity and version. */
export interface Journey extends JourneyDefinition {
  readonly id: string;
  /** Incremented on every change (optimistic locking, ETag). */
  readonly version: number;
  /** ISO instant of creation. */
  readonly createdAt: string;
  /** ISO instant of the last change. */
  readonly updatedAt: string;
}

/** Every experiment id of a journey, in stage order. */
export function journeyExperimentIds(definition: Pick<JourneyDefinition, 'stages'>): string[] {
  return definition.stages.flatMap((entry) => entry.experimentIds);
}

/** The stage an experiment is listed under in a journey, if it is in it. */
export function stageOfExperiment(definition: Pick<JourneyDefinition, 'stages'>, experimentId: string): JourneyStage | undefined {
  return definition.stages.find((entry) => entry.experimentIds.includes(experimentId))?.stage;
}

/** A new journey. */
export function newJourney(id: string, definition: JourneyDefinition, now: Date): Journey {
  const at = now.toISOString();
  return { ...definition, id, version: 1, createdAt: at, updatedAt: at };
}

/** The journey with a replaced definition (the next version). */
export function withJourneyDefinition(journey: Journey, definition: JourneyDefinition, now: Date): Journey {
  return { ...definition, id: journey.id, version: journey.version + 1, createdAt: journey.createdAt, updatedAt: now.toISOString() };
}
