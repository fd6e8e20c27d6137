/**
 * The editor's form model and its conversions: from an experiment definition (edit, clone) and to
 * the definition the API validates. Numbers stay as typed until sent; one that does not parse is
 * sent as typed so the API names the field, and nothing the user typed is lost on an error.
 */
import type { ChannelContent, Channel } from '../../../../shared/domain/experiment/channels';
import type { ExperimentDefinition, ExperimentDefinitionInput } from '../../../../shared/domain/experiment/experiment-definition';
import { DEFAULT_QUIET_HOURS } from '../../../../shared/domain/experiment/guardrails';
import type { GoalEvent, JourneyStage } from '../../../../shared/domain/experiment/journey';
import { DEFAULT_BURN_IN, DEFAULT_EPSILON, DEFAULT_HOLDOUT, DEFAULT_MIN_SHARE, DEFAULT_UPDATE_EVERY_MINUTES, type PolicyType } from '../../../../shared/domain/experiment/policy';
import { BUILT_IN_VARIABLES, templateVariables } from '../../../../shared/domain/content/template';
import { contentTemplates } from '../../../../shared/domain/experiment/channels';
import { DEFAULT_SEGMENT } from '../../../../shared/domain/segments/evaluate-segment';
import type { SegmentRule } from '../../../../shared/domain/segments/segment-rule';
import { draftToRule, type GroupDraft, newGroup, ruleToDraft } from './rule-draft';
import { emptyTrigger, type ExitDraft, exitDraftsOf, exitsOf, type TriggerDraft, triggerDraftOf, triggerOf } from './trigger-draft';

/** One channel's content as edited: every field a string, unused ones empty. */
export interface ChannelDraft {
  readonly channel: Channel;
  /** Email subject. */
  readonly subject: string;
  /** Email HTML body. */
  readonly html: string;
  /** Email or SMS text. */
  readonly text: string;
  /** Email From address. */
  readonly from: string;
  /** SMS type: '' (the deployment's default), transactional, promotional. */
  readonly smsType: '' | 'transactional' | 'promotional';
  /** Push / in-app title. */
  readonly title: string;
  /** Push / in-app body. */
  readonly body: string;
  /** Push data as `key=value` lines. */
  readonly data: string;
  /** In-app call to action. */
  readonly ctaLabel: string;
  readonly ctaUrl: string;
  /** Webhook URL and payload template. */
  readonly url: string;
  readonly payloadTemplate: string;
}

/** A segment as edited. */
export interface SegmentDraft {
  readonly name: string;
  readonly rule: GroupDraft;
}

/** The whole form. */
export interface DraftForm {
  readonly name: string;
  readonly description: string;
  readonly stage: JourneyStage;
  readonly goalEvent: GoalEvent;
  readonly goalWindowHours: string;
  readonly channels: readonly ChannelDraft[];
  /** Declared variables beyond those the content uses (kept from a loaded definition). */
  readonly extraVariables: readonly string[];
  /** Sample values of the variables, for the previews only (never sent). */
  readonly samples: Readonly<Record<string, string>>;
  readonly segments: readonly SegmentDraft[];
  readonly policyType: PolicyType;
  readonly holdout: string;
  readonly minShare: string;
  readonly burnIn: string;
  readonly updateEveryMinutes: string;
  readonly epsilon: string;
  readonly capEnabled: boolean;
  readonly capMax: string;
  readonly capPerHours: string;
  readonly quietStart: string;
  readonly quietEnd: string;
  readonly followUpEnabled: boolean;
  readonly followUpAfterHours: string;
  readonly followUpMaxSteps: string;
  /** The customer event that starts a send (disabled: sends come from the API only). */
  readonly trigger: TriggerDraft;
  /** Customer events that cancel waiting triggered sends. */
  readonly exits: readonly ExitDraft[];
  /** Parts of a loaded definition the form does not edit (stopping, schedule), sent back as they were. */
  readonly kept: Pick<ExperimentDefinitionInput, 'stopping' | 'schedule'>;
}

/** Sample contents of a channel newly added, so its preview shows something at once. */
const STARTER: Readonly<Record<Channel, Partial<ChannelDraft>>> = {
  email: { subject: 'How was your order, {{firstName}}?', html: '<p>Hi {{firstName}},</p>\n<p><a href="https://example.com/survey">Tell us in two questions</a>.</p>\n<p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>' },
  sms: { text: 'Hi {{firstName}}, how was your order? https://example.com/survey' },
  push: { title: 'How was your order?', body: 'Two questions, {{firstName}}.' },
  in_app: { title: 'How was your order?', body: 'Two questions, {{firstName}}.', ctaLabel: 'Answer', ctaUrl: 'https://example.com/survey' },
  webhook: { url: 'https://hooks.example.com/messages', payloadTemplate: '{\n  "to": "{{customerId}}",\n  "text": "Hi {{firstName}}, how was your order?"\n}' },
};

/** An empty channel draft of `channel`, with starter content. */
export function newChannel(channel: Channel): ChannelDraft {
  return { channel, subject: '', html: '', text: '', from: '', smsType: '', title: '', body: '', data: '', ctaLabel: '', ctaUrl: '', url: '', payloadTemplate: '', ...STARTER[channel] };
}

/** The form of a new experiment: two channels, no segment, the API's defaults. */
export function emptyForm(): DraftForm {
  return {
    name: '',
    description: '',
    stage: 'post_purchase',
    goalEvent: 'clicked',
    goalWindowHours: '72',
    channels: [newChannel('email'), newChannel('sms')],
    extraVariables: [],
    samples: { firstName: 'Ana' },
    segments: [],
    policyType: 'thompson',
    holdout: String(DEFAULT_HOLDOUT),
    minShare: String(DEFAULT_MIN_SHARE),
    burnIn: String(DEFAULT_BURN_IN),
    updateEveryMinutes: String(DEFAULT_UPDATE_EVERY_MINUTES),
    epsilon: String(DEFAULT_EPSILON),
    capEnabled: false,
    capMax: '3',
    capPerHours: '168',
    quietStart: DEFAULT_QUIET_HOURS.start,
    quietEnd: DEFAULT_QUIET_HOURS.end,
    followUpEnabled: false,
    followUpAfterHours: '48',
    followUpMaxSteps: '1',
    trigger: emptyTrigger(),
    exits: [],
    kept: {},
  };
}

/** A gap of the journey map to test: a stage, and the segment of the map's row (its rule when known). */
export interface JourneyGap {
  readonly stage?: JourneyStage;
  readonly segment?: { readonly name: string; readonly rule?: SegmentRule };
}

/**
 * The form of a new experiment that tests a gap of the journey map: at `stage`, for `segment`
 * (with its rule as another experiment defines it, else one empty condition for the marketer to
 * fill in). The default segment is everyone else: no segment to define.
 */
export function formForGap(gap: JourneyGap): DraftForm {
  const form = emptyForm();
  const segment = gap.segment && gap.segment.name !== DEFAULT_SEGMENT ? gap.segment : undefined;
  return {
    ...form,
    ...(gap.stage ? { stage: gap.stage } : {}),
    ...(segment ? { segments: [{ name: segment.name, rule: segment.rule ? ruleToDraft(segment.rule) : newGroup('all') }] } : {}),
  };
}

function dataLines(data: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(data ?? {}).map(([key, value]) => `${key}=${value}`).join('\n');
}

function channelFromContent(content: ChannelContent): ChannelDraft {
  const base = newChannel(content.channel);
  const blank = { ...base, subject: '', html: '', text: '', title: '', body: '', ctaLabel: '', ctaUrl: '', url: '', payloadTemplate: '' };
  switch (content.channel) {
    case 'email':
      return { ...blank, subject: content.subject, html: content.html ?? '', text: content.text ?? '', from: content.from ?? '' };
    case 'sms':
      return { ...blank, text: content.text, smsType: content.smsType ?? '' };
    case 'push':
      return { ...blank, title: content.title, body: content.body, data: dataLines(content.data) };
    case 'in_app':
      return { ...blank, title: content.title, body: content.body, ctaLabel: content.callToAction?.label ?? '', ctaUrl: content.callToAction?.url ?? '' };
    case 'webhook':
      return { ...blank, url: content.url, payloadTemplate: content.payloadTemplate };
  }
}

/** The form of a stored definition (to edit it, or to clone it under `nameOverride`). */
export function formFromDefinition(definition: ExperimentDefinition, nameOverride?: string): DraftForm {
  const channels = definition.channels.map(channelFromContent);
  const used = new Set(usedVariables(channels));
  return {
    ...emptyForm(),
    name: nameOverride ?? definition.name,
    description: definition.description ?? '',
    stage: definition.stage,
    goalEvent: definition.goal.event,
    goalWindowHours: String(definition.goal.windowHours),
    channels,
    extraVariables: definition.variables.filter((name) => !used.has(name)),
    samples: Object.fromEntries(definition.variables.map((name) => [name, name === 'firstName' ? 'Ana' : `(${name})`])),
    segments: definition.segments.map((segment) => ({ name: segment.name, rule: ruleToDraft(segment.rule) })),
    policyType: definition.policy.type,
    holdout: String(definition.policy.holdout),
    minShare: String(definition.policy.minShare),
    burnIn: String(definition.policy.burnIn),
    updateEveryMinutes: String(definition.policy.updateEveryMinutes),
    epsilon: String(definition.policy.epsilon ?? DEFAULT_EPSILON),
    capEnabled: definition.guardrails.frequencyCap !== undefined,
    capMax: String(definition.guardrails.frequencyCap?.max ?? 3),
    capPerHours: String(definition.guardrails.frequencyCap?.perHours ?? 168),
    quietStart: definition.guardrails.quietHours.start,
    quietEnd: definition.guardrails.quietHours.end,
    followUpEnabled: definition.followUp !== undefined,
    followUpAfterHours: String(definition.followUp?.afterHours ?? 48),
    followUpMaxSteps: String(definition.followUp?.maxSteps ?? 1),
    trigger: triggerDraftOf(definition.trigger),
    exits: exitDraftsOf(definition.exits),
    kept: { stopping: definition.stopping, ...(definition.schedule ? { schedule: definition.schedule } : {}) },
  };
}

/** The content of a channel draft as the API takes it (empty optional fields left out). */
export function contentOf(draft: ChannelDraft): ChannelContent {
  const optional = <K extends string>(key: K, value: string) => (value.trim() === '' ? {} : ({ [key]: value } as Record<K, string>));
  switch (draft.channel) {
    case 'email':
      return { channel: 'email', subject: draft.subject, ...optional('html', draft.html), ...optional('text', draft.text), ...optional('from', draft.from) } as ChannelContent;
    case 'sms':
      return { channel: 'sms', text: draft.text, ...(draft.smsType ? { smsType: draft.smsType } : {}) };
    case 'push': {
      const data = Object.fromEntries(
        draft.data
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '')
          .map((line) => {
            const at = line.indexOf('=');
            return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
          }),
      );
      return { channel: 'push', title: draft.title, body: draft.body, ...(Object.keys(data).length > 0 ? { data } : {}) };
    }
    case 'in_app':
      return {
        channel: 'in_app',
        title: draft.title,
        body: draft.body,
        ...(draft.ctaLabel.trim() !== '' || draft.ctaUrl.trim() !== '' ? { callToAction: { label: draft.ctaLabel, url: draft.ctaUrl } } : {}),
      };
    case 'webhook':
      return { channel: 'webhook', url: draft.url, payloadTemplate: draft.payloadTemplate };
  }
}

/** The variables the channels' content uses, besides the built-in ones, in order of first use. */
export function usedVariables(channels: readonly ChannelDraft[]): string[] {
  const names = channels.flatMap((draft) => contentTemplates(contentOf(draft)).flatMap(templateVariables));
  return [...new Set(names)].filter((name) => !BUILT_IN_VARIABLES.includes(name));
}

/** A number as typed: the number when it parses, else the text (the API then names the field). */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
}

/** The definition to send: what the form says, variables declared from what the content uses. */
export function definitionOf(form: DraftForm): ExperimentDefinitionInput {
  const used = usedVariables(form.channels);
  const definition = {
    name: form.name,
    ...(form.description.trim() === '' ? {} : { description: form.description }),
    stage: form.stage,
    channels: form.channels.map(contentOf),
    variables: [...used, ...form.extraVariables.filter((name) => !used.includes(name))],
    segments: form.segments.map((segment) => ({ name: segment.name, rule: draftToRule(segment.rule) })),
    goal: { event: form.goalEvent, windowHours: numberOrText(form.goalWindowHours) },
    policy: {
      type: form.policyType,
      holdout: numberOrText(form.holdout),
      minShare: numberOrText(form.minShare),
      burnIn: numberOrText(form.burnIn),
      updateEveryMinutes: numberOrText(form.updateEveryMinutes),
      ...(form.policyType === 'epsilon_greedy' ? { epsilon: numberOrText(form.epsilon) } : {}),
    },
    guardrails: {
      ...(form.capEnabled ? { frequencyCap: { max: numberOrText(form.capMax), perHours: numberOrText(form.capPerHours) } } : {}),
      quietHours: { start: form.quietStart, end: form.quietEnd },
    },
    ...(form.followUpEnabled ? { followUp: { afterHours: numberOrText(form.followUpAfterHours), maxSteps: numberOrText(form.followUpMaxSteps) } } : {}),
    ...(triggerOf(form.trigger) ? { trigger: triggerOf(form.trigger) } : {}),
    ...(exitsOf(form.exits) ? { exits: exitsOf(form.exits) } : {}),
    ...form.kept,
  };
  // Numbers that did not parse go as typed on purpose: the API's error then names their field.
  return definition as ExperimentDefinitionInput;
}

/** A new segment named `segment-<n>` with one empty condition. */
export function newSegment(index: number): SegmentDraft {
  return { name: `segment${index + 1}`, rule: newGroup('all') };
}
