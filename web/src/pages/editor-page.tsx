/**
 * The editor: create or edit a draft. Name, stage, goal; channels with live previews; segments with
 * a rule builder and an estimate; policy, holdout, guardrails, follow-up. The API validates: its
 * errors appear beside the fields they name and in a summary that links to them; what was typed
 * stays. Once saved, the draft can be started (with a confirmation saying what happens to traffic).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CHANNELS } from '../../../shared/domain/experiment/channels';
import type { Experiment } from '../../../shared/domain/experiment/experiment';
import { GOAL_EVENTS, JOURNEY_STAGES, type JourneyStage, MAX_WINDOW_HOURS } from '../../../shared/domain/experiment/journey';
import { MAX_CHANNELS } from '../../../shared/domain/experiment/limits';
import type { ErrorDetail } from '../../../shared/domain/errors/channel-lab-error';
import type { SegmentRule } from '../../../shared/domain/segments/segment-rule';
import { ApiError } from '../api/api-error';
import { api } from '../api/client';
import { channelName, stageName } from '../charts/format';
import { GroupErrors, SelectField, TextField } from '../components/fields';
import { AddPicker } from '../components/add-picker';
import { editorGate } from '../components/editor-gate';
import { LifecycleControls } from '../components/lifecycle-controls';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { ChannelEditor } from './editor/channel-editor';
import { definitionOf, type DraftForm, formForGap, formFromDefinition, newChannel, usedVariables } from './editor/draft-form';
import { FieldErrors, fieldId, formPaths } from './editor/field-errors';
import { SegmentsSection } from './editor/segments-section';
import { SettingsSection } from './editor/settings-section';
import { SaveProblem } from './editor/save-problem';
import { TriggerSection } from './editor/trigger-section';

/** Properties of {@link EditorPage}. */
export interface EditorPageProps {
  /** The draft to edit; absent: a new experiment. */
  readonly id?: string;
  /** Clone this experiment's definition into the new draft. */
  readonly cloneFrom?: string;
  /** A new experiment at this journey stage (a gap of the journey map). */
  readonly stage?: JourneyStage;
  /** A new experiment for this segment (a row of the journey map). */
  readonly segment?: string;
  /** The experiment whose rule of `segment` is copied. */
  readonly segmentFrom?: string;
}

/** Goal events in words. */
const GOAL_WORDS: Readonly<Record<(typeof GOAL_EVENTS)[number], string>> = {
  delivered: 'Delivered',
  opened: 'Opened',
  clicked: 'Clicked a link',
  replied: 'Replied',
  converted: 'Converted (purchase, sign-up…)',
  survey_completed: 'Completed the survey',
};

function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}

/** Create or edit a draft. */
export function EditorPage({ id, cloneFrom, stage, segment, segmentFrom }: EditorPageProps) {
  const session = useSession();
  const readsSegment = !id && !cloneFrom && segment !== undefined && segmentFrom !== undefined;
  const [form, setForm] = useState<DraftForm | undefined>(id || cloneFrom || readsSegment ? undefined : formForGap({ ...(stage ? { stage } : {}), ...(segment ? { segment: { name: segment } } : {}) }));
  const [experiment, setExperiment] = useState<Experiment | undefined>();
  const [loadProblem, setLoadProblem] = useState<string | undefined>();
  const [details, setDetails] = useState<readonly ErrorDetail[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  /** Whether the form holds changes not saved yet (starting would run the saved version). */
  const [dirty, setDirty] = useState(false);
  const idempotencyKey = useMemo(newIdempotencyKey, []);

  useEffect(() => {
    const source = id ?? cloneFrom;
    if (!source || session.state !== 'ok') return;
    let live = true;
    api.getExperiment(source).then(
      ({ body }) => {
        if (!live) return;
        if (id) setExperiment(body);
        setForm(formFromDefinition(body.definition, cloneFrom ? `Copy of ${body.definition.name}` : undefined));
      },
      (error: unknown) => live && setLoadProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [id, cloneFrom, session.state]);

  useEffect(() => {
    if (!readsSegment || session.state !== 'ok') return;
    let live = true;
    const gap = (rule?: SegmentRule) => formForGap({ ...(stage ? { stage } : {}), segment: { name: segment, ...(rule ? { rule } : {}) } });
    api.getExperiment(segmentFrom).then(
      ({ body }) => live && setForm(gap(body.definition.segments.find((defined) => defined.name === segment)?.rule)),
      // The segment's rule could not be read: its name is still prefilled, the marketer writes the rule.
      () => live && setForm(gap()),
    );
    return () => {
      live = false;
    };
  }, [readsSegment, segment, segmentFrom, stage, session.state]);

  const title = experiment ? `Edit “${experiment.definition.name}”` : cloneFrom ? 'New experiment (clone)' : stage ? `New experiment: ${stageName(stage)}${segment ? ` for ${segment}` : ''}` : 'New experiment';
  const errors = useMemo(() => (form ? new FieldErrors(details, formPaths(form)) : new FieldErrors([], [])), [details, form]);

  const gate = editorGate({ title, session, things: 'experiments', back: { name: 'experiments' }, loadProblem, loaded: form !== undefined });
  if (gate || !form) return gate;
  if (experiment && experiment.status !== 'draft') {
    return (
      <section>
        <h1 tabIndex={-1}>{title}</h1>
        <p>
          This experiment is {experiment.status}: its definition is fixed once it has started, so that its results mean one thing.{' '}
          <a href={href({ name: 'new', from: experiment.id })}>Clone it into a new draft</a> to change anything, or <a href={href({ name: 'results', id: experiment.id })}>see its results</a>.
        </p>
      </section>
    );
  }

  const set = (patch: Partial<DraftForm>) => {
    setForm({ ...form, ...patch });
    setSaved(undefined);
    setDirty(true);
  };
  const variables = usedVariables(form.channels);
  const unusedChannels = CHANNELS.filter((channel) => !form.channels.some((draft) => draft.channel === channel));

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    setSaved(undefined);
    try {
      const definition = definitionOf(form);
      const answer = experiment ? await api.updateExperiment(experiment.id, definition, experiment.version) : await api.createExperiment(definition, idempotencyKey);
      setExperiment(answer.body);
      setDetails([]);
      setDirty(false);
      setSaved(`Saved as a draft (version ${answer.body.version}).`);
      if (!experiment) history.replaceState(null, '', href({ name: 'edit', id: answer.body.id }));
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        setDetails(error.details);
        setProblem(error.message);
      } else {
        setDetails([]);
        setProblem(error instanceof ApiError && error.code === 'concurrent_modification' ? 'Someone saved this draft meanwhile: reload the page to see their version (your changes are still here; copy what you need first).' : error instanceof Error ? error.message : String(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="editor">
      <div class="page-head">
        <h1 tabIndex={-1}>{title}</h1>
        {experiment ? <span class="status status-draft">draft · version {experiment.version}</span> : null}
      </div>
      {problem ? <SaveProblem errors={errors} problem={problem} whole="definition" /> : null}
      <form noValidate onSubmit={(event) => void save(event)} aria-label="Experiment definition">
        <fieldset>
          <legend>The message</legend>
          <TextField path="name" label="Name" value={form.name} errors={errors} help="What your team calls it, e.g. “Post-purchase survey”." onInput={(name) => set({ name })} />
          <TextField path="description" label="Description (optional)" multiline rows={2} value={form.description} errors={errors} onInput={(description) => set({ description })} />
          <div class="row">
            <SelectField path="stage" label="Journey stage" value={form.stage} errors={errors} help="Where in the customer journey this message sits; the journey map groups results by stage." options={JOURNEY_STAGES.map((value) => ({ value, label: stageName(value) }))} onChange={(stage) => set({ stage })} />
            <SelectField path="goal.event" label="Goal: the response that counts" value={form.goalEvent} errors={errors} help="A send succeeds when the customer does this within the window." options={GOAL_EVENTS.map((value) => ({ value, label: GOAL_WORDS[value] }))} onChange={(goalEvent) => set({ goalEvent })} />
            <TextField path="goal.windowHours" label="Within (hours)" type="number" value={form.goalWindowHours} errors={errors} help={`How long after the send a response still counts (at most ${MAX_WINDOW_HOURS} hours).`} onInput={(goalWindowHours) => set({ goalWindowHours })} />
          </div>
          <GroupErrors path="goal" errors={errors} />
        </fieldset>

        <section aria-labelledby="channels-heading" id={fieldId('channels')}>
          <h2 id="channels-heading">Channels</h2>
          <p class="help">Each channel is one arm of the test; customers get exactly one. Previews use the sample values below.</p>
          <GroupErrors path="channels" errors={errors} />
          {form.channels.map((draft, index) => (
            <ChannelEditor
              key={`${draft.channel}-${index}`}
              index={index}
              draft={draft}
              samples={form.samples}
              errors={errors}
              canRemove={form.channels.length > 1}
              onChange={(next) => set({ channels: form.channels.map((existing, at) => (at === index ? next : existing)) })}
              onRemove={() => set({ channels: form.channels.filter((_, at) => at !== index) })}
            />
          ))}
          {unusedChannels.length > 0 && form.channels.length < MAX_CHANNELS ? (
            <AddPicker id="add-channel" label="Add a channel" action="Add channel" rowClass="add-channel" options={unusedChannels} nameOf={channelName} onAdd={(channel) => set({ channels: [...form.channels, newChannel(channel)] })} />
          ) : null}
        </section>

        <fieldset id={fieldId('variables')}>
          <legend>Variables</legend>
          <GroupErrors path="variables" errors={errors} />
          {variables.length === 0 ? (
            <p class="help">The content uses no {'{{variable}}'} (besides customerId and unsubscribeUrl, which are always there).</p>
          ) : (
            <>
              <p class="help">
                The content uses {variables.map((name) => `{{${name}}}`).join(', ')}: every send request must give their values. Sample values here are for the previews only.
              </p>
              <div class="row">
                {variables.map((name) => (
                  <div class="field" key={name}>
                    <label for={`sample-${name}`}>Sample {name}</label>
                    <input id={`sample-${name}`} type="text" value={form.samples[name] ?? ''} onInput={(event) => set({ samples: { ...form.samples, [name]: event.currentTarget.value } })} />
                  </div>
                ))}
              </div>
            </>
          )}
        </fieldset>

        <SegmentsSection form={form} errors={errors} onChange={(segments) => set({ segments })} />
        <TriggerSection trigger={form.trigger} exits={form.exits} variables={[...variables, ...form.extraVariables.filter((name) => !variables.includes(name))]} errors={errors} onTrigger={(trigger) => set({ trigger })} onExits={(exits) => set({ exits })} />
        <SettingsSection form={form} errors={errors} set={set} />

        <div class="form-actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : experiment ? 'Save draft' : 'Create draft'}
          </button>
          <a class="button secondary" href={href({ name: 'experiments' })}>
            Back to the list
          </a>
          <span role="status" class="saved">
            {saved ?? ''}
          </span>
        </div>
      </form>
      {experiment ? (
        <section aria-labelledby="run-heading" class="run card">
          <h2 id="run-heading">Run it</h2>
          <p class="help" data-testid="run-help">
            {dirty ? 'You have unsaved changes: save the draft first, so that what starts is what you see.' : 'Starting fixes the definition: it can no longer be edited.'}
          </p>
          <LifecycleControls
            disabled={dirty}
            experiment={experiment}
            onChanged={(next) => {
              setExperiment(next);
              if (next.status === 'running') navigate({ name: 'results', id: next.id });
            }}
          />
        </section>
      ) : null}
    </section>
  );
}
