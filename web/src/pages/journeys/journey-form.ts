/**
 * The journey editor's form model (pure: unit-tested in Node): a name, its stages in journey order
 * with the experiments of each, and an optional per-customer cap; converted to and from the API's
 * journey definition. Stages are kept in journey order as they are added (the API requires it);
 * numbers that do not parse go as typed, so the API's error names the field.
 */
import type { JourneyDefinitionBody, JourneyResponse } from '../../../../shared/contracts/journeys';
import type { TriggerLike } from '../../components/trigger-words';
import { JOURNEY_STAGES, type JourneyStage } from '../../../../shared/domain/experiment/journey-stages';
import type { ExperimentStatus } from '../../../../shared/domain/experiment/lifecycle-states';

/** The default cap offered when it is turned on: 3 messages per customer in 7 days. */
export const DEFAULT_CAP = { messages: '3', perDays: '7' } as const;

/** One stage as edited. */
export interface JourneyStageDraft {
  readonly stage: JourneyStage;
  readonly experimentIds: readonly string[];
}

/** The whole form. */
export interface JourneyForm {
  readonly name: string;
  readonly description: string;
  readonly stages: readonly JourneyStageDraft[];
  readonly capEnabled: boolean;
  readonly capMessages: string;
  readonly capPerDays: string;
}

/** An experiment a stage may list (as the experiments list gives it). */
export interface ExperimentChoice {
  readonly id: string;
  readonly status: ExperimentStatus;
  readonly definition: { readonly name: string; readonly stage: JourneyStage; readonly trigger?: TriggerLike };
}

/** A new journey: no stage yet, no cap. */
export function emptyJourneyForm(): JourneyForm {
  return { name: '', description: '', stages: [], capEnabled: false, capMessages: DEFAULT_CAP.messages, capPerDays: DEFAULT_CAP.perDays };
}

/** The form of a stored journey. */
export function journeyFormOf(journey: JourneyResponse): JourneyForm {
  return {
    name: journey.name,
    description: journey.description ?? '',
    stages: journey.stages.map((entry) => ({ stage: entry.stage, experimentIds: [...entry.experimentIds] })),
    capEnabled: journey.cap !== undefined,
    capMessages: String(journey.cap?.messages ?? DEFAULT_CAP.messages),
    capPerDays: String(journey.cap?.perDays ?? DEFAULT_CAP.perDays),
  };
}

function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
}

/** The definition to send. */
export function journeyDefinitionOf(form: JourneyForm): JourneyDefinitionBody {
  const definition = {
    name: form.name,
    ...(form.description.trim() === '' ? {} : { description: form.description }),
    stages: form.stages.map((entry) => ({ stage: entry.stage, experimentIds: [...entry.experimentIds] })),
    ...(form.capEnabled ? { cap: { messages: numberOrText(form.capMessages), perDays: numberOrText(form.capPerDays) } } : {}),
  };
  // Numbers that did not parse go as typed on purpose: the API's error then names their field.
  return definition as JourneyDefinitionBody;
}

/** Stages the journey does not have yet, in journey order. */
export function unusedStages(form: JourneyForm): JourneyStage[] {
  return JOURNEY_STAGES.filter((stage) => !form.stages.some((entry) => entry.stage === stage));
}

/** The form with `stage` added (no experiment yet), the stages kept in journey order. */
export function withStage(form: JourneyForm, stage: JourneyStage): JourneyForm {
  const stages = [...form.stages, { stage, experimentIds: [] }].sort((a, b) => JOURNEY_STAGES.indexOf(a.stage) - JOURNEY_STAGES.indexOf(b.stage));
  return { ...form, stages };
}

/** The form with experiment `id` listed under (or removed from) its stage. */
export function withExperiment(form: JourneyForm, stage: JourneyStage, id: string, listed: boolean): JourneyForm {
  return {
    ...form,
    stages: form.stages.map((entry) =>
      entry.stage !== stage ? entry : { ...entry, experimentIds: listed ? [...entry.experimentIds.filter((existing) => existing !== id), id] : entry.experimentIds.filter((existing) => existing !== id) },
    ),
  };
}

/** Experiments a stage may list: those defined for that stage and not archived, plus any it lists already. */
export function choicesFor(stage: JourneyStageDraft, experiments: readonly ExperimentChoice[]): ExperimentChoice[] {
  return experiments.filter((experiment) => (experiment.definition.stage === stage.stage && experiment.status !== 'archived') || stage.experimentIds.includes(experiment.id));
}

/** Every API path the journey form shows a field (or group of fields) for. */
export function journeyFormPaths(form: JourneyForm): string[] {
  return [
    'name',
    'description',
    'stages',
    'cap',
    'cap.messages',
    'cap.perDays',
    ...form.stages.flatMap((entry, index) => [`stages[${index}]`, `stages[${index}].stage`, `stages[${index}].experimentIds`]),
  ];
}

/** The cap in words: `at most 3 messages per customer in any 7 days`. */
export function capWords(cap: { readonly messages: number; readonly perDays: number } | undefined): string {
  if (!cap) return 'no limit per customer';
  return `at most ${cap.messages} message${cap.messages === 1 ? '' : 's'} per customer in any ${cap.perDays} day${cap.perDays === 1 ? '' : 's'}`;
}
