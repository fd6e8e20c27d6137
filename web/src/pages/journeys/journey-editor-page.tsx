/**
 * Create or edit a journey: its name, its stages in journey order with the experiments of each
 * (chosen among the experiments defined for that stage), and an optional per-customer cap. The API
 * validates: its errors appear beside the fields they name, and nothing typed is lost. A key without
 * the admin scope is told so and sees no form.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { JourneyResponse } from '../../../../shared/contracts/journeys';
import type { ErrorDetail } from '../../../../shared/domain/errors/channel-lab-error';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { stageName } from '../../charts/format';
import { AddPicker } from '../../components/add-picker';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { editorGate } from '../../components/editor-gate';
import { CheckboxField, GroupErrors, TextField } from '../../components/fields';
import { triggerShort } from '../../components/trigger-words';
import { href, navigate } from '../../router';
import { useSession } from '../../session';
import { FieldErrors, fieldId } from '../editor/field-errors';
import { SaveProblem } from '../editor/save-problem';
import { choicesFor, emptyJourneyForm, type JourneyForm, journeyDefinitionOf, journeyFormOf, journeyFormPaths, unusedStages, withExperiment, withStage } from './journey-form';
import { type ExperimentIndex, useExperiments } from './use-experiments';

/** Properties of {@link JourneyEditorPage}. */
export interface JourneyEditorProps {
  /** The journey to edit; absent: a new journey. */
  readonly id?: string;
}

function StageEditor({ form, index, experiments, errors, onChange }: { readonly form: JourneyForm; readonly index: number; readonly experiments: ExperimentIndex; readonly errors: FieldErrors; readonly onChange: (form: JourneyForm) => void }) {
  const entry = form.stages[index];
  if (!entry) return null;
  const choices = choicesFor(entry, experiments.items ?? []);
  const path = `stages[${index}]`;
  return (
    <li class="card" id={fieldId(path)} data-stage={entry.stage}>
      <h3>{stageName(entry.stage)}</h3>
      <GroupErrors path={path} errors={errors} />
      <GroupErrors path={`${path}.stage`} errors={errors} />
      <fieldset id={fieldId(`${path}.experimentIds`)}>
        <legend>Experiments of this stage</legend>
        <GroupErrors path={`${path}.experimentIds`} errors={errors} />
        {choices.length === 0 ? (
          <p class="muted">
            No experiment is defined for the {stageName(entry.stage).toLowerCase()} stage yet. <a href={href({ name: 'new', stage: entry.stage })}>Create one</a>.
          </p>
        ) : (
          <ul class="experiment-choices">
            {choices.map((experiment) => (
              <li key={experiment.id}>
                <CheckboxField
                  id={`journey-${entry.stage}-${experiment.id}`}
                  label={`${experiment.definition.name} (${experiment.status}${experiment.definition.trigger ? `, ${triggerShort(experiment.definition.trigger)}` : ', not triggered'})`}
                  checked={entry.experimentIds.includes(experiment.id)}
                  onChange={(checked) => onChange(withExperiment(form, entry.stage, experiment.id, checked))}
                />
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div class="row-actions">
        <button type="button" class="secondary" onClick={() => onChange({ ...form, stages: form.stages.filter((_, at) => at !== index) })}>
          Remove stage<span class="visually-hidden"> {stageName(entry.stage)}</span>
        </button>
      </div>
    </li>
  );
}

function newIdempotencyKey(): string {
  return `web-journey-${crypto.randomUUID()}`;
}

/** Create or edit a journey. */
export function JourneyEditorPage({ id }: JourneyEditorProps) {
  const session = useSession();
  const experiments = useExperiments();
  const [form, setForm] = useState<JourneyForm | undefined>(id ? undefined : emptyJourneyForm());
  const [journey, setJourney] = useState<JourneyResponse | undefined>();
  const [loadProblem, setLoadProblem] = useState<string | undefined>();
  const [details, setDetails] = useState<readonly ErrorDetail[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  const [askingDelete, setAskingDelete] = useState(false);
  const idempotencyKey = useMemo(newIdempotencyKey, []);

  useEffect(() => {
    if (!id || session.state !== 'ok') return;
    let live = true;
    api.getJourney(id).then(
      ({ body }) => {
        if (!live) return;
        setJourney(body);
        setForm(journeyFormOf(body));
      },
      (error: unknown) => live && setLoadProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [id, session.state]);

  const title = journey ? `Edit journey “${journey.name}”` : 'New journey';
  const errors = useMemo(() => new FieldErrors(details, form ? journeyFormPaths(form) : []), [details, form]);
  const gate = editorGate({ title, session, things: 'journeys', back: { name: 'journeys' }, loadProblem, loaded: form !== undefined });
  if (gate || !form) return gate;

  const set = (next: JourneyForm) => {
    setForm(next);
    setSaved(undefined);
  };
  const stagesLeft = unusedStages(form);
  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    setSaved(undefined);
    try {
      const definition = journeyDefinitionOf(form);
      const answer = journey ? await api.updateJourney(journey.id, definition, journey.version) : await api.createJourney(definition, idempotencyKey);
      setJourney(answer.body);
      setDetails([]);
      setSaved(`Saved (version ${answer.body.version}).`);
      if (!journey) history.replaceState(null, '', href({ name: 'journey_edit', id: answer.body.id }));
    } catch (error) {
      setDetails(error instanceof ApiError ? error.details : []);
      setProblem(error instanceof ApiError && error.code === 'concurrent_modification' ? 'Someone saved this journey meanwhile: reload the page to see their version (your changes are still here).' : error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (target: JourneyResponse) => {
    setAskingDelete(false);
    setSaving(true);
    setProblem(undefined);
    setSaved(undefined);
    try {
      await api.deleteJourney(target.id, target.version);
      navigate({ name: 'journeys' });
    } catch (error) {
      setDetails([]);
      setProblem(error instanceof ApiError && error.code === 'concurrent_modification' ? 'Someone saved this journey meanwhile: reload the page to see their version before deleting it.' : error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  return (
    <section class="journey-editor">
      <p class="breadcrumb">
        <a href={href({ name: 'journeys' })}>Journeys</a> › {journey ? journey.name : 'New'}
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      {problem ? <SaveProblem errors={errors} problem={problem} whole="journey" /> : null}
      {experiments.problem ? <p class="banner error">The experiments could not be read: {experiments.problem}</p> : null}
      <form noValidate aria-label="Journey definition" onSubmit={(event) => void save(event)}>
        <fieldset>
          <legend>The journey</legend>
          <TextField path="name" label="Name" value={form.name} errors={errors} help="What your team calls it, e.g. “After the order”." onInput={(name) => set({ ...form, name })} />
          <TextField path="description" label="Description (optional)" multiline rows={2} value={form.description} errors={errors} onInput={(description) => set({ ...form, description })} />
        </fieldset>

        <section aria-labelledby="stages-heading" id={fieldId('stages')}>
          <h2 id="stages-heading">Stages</h2>
          <p class="help">In journey order: a customer who reaches a later stage leaves the earlier stages' waiting sends.</p>
          <GroupErrors path="stages" errors={errors} />
          <ol class="stage-entries">
            {form.stages.map((entry, index) => (
              <StageEditor key={entry.stage} form={form} index={index} experiments={experiments} errors={errors} onChange={set} />
            ))}
          </ol>
          {stagesLeft.length > 0 ? (
            <AddPicker id="add-stage" label="Add a stage" action="Add stage" rowClass="add-stage" options={stagesLeft} nameOf={stageName} onAdd={(stage) => set(withStage(form, stage))} />
          ) : null}
        </section>

        <fieldset id={fieldId('cap')}>
          <legend>Limit per customer</legend>
          <GroupErrors path="cap" errors={errors} />
          <CheckboxField id="cap-enabled" label="Limit the journey's messages per customer" checked={form.capEnabled} help="Enough touchpoints, not too many: a send over the limit is cancelled (it is not a send)." onChange={(capEnabled) => set({ ...form, capEnabled })} />
          {form.capEnabled ? (
            <div class="row">
              <TextField path="cap.messages" label="At most (messages)" type="number" value={form.capMessages} errors={errors} onInput={(capMessages) => set({ ...form, capMessages })} />
              <TextField path="cap.perDays" label="In any (days)" type="number" value={form.capPerDays} errors={errors} onInput={(capPerDays) => set({ ...form, capPerDays })} />
            </div>
          ) : null}
        </fieldset>

        <div class="form-actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : journey ? 'Save journey' : 'Create journey'}
          </button>
          <a class="button secondary" href={href({ name: 'journeys' })}>
            Back to the journeys
          </a>
          {journey ? <a href={href({ name: 'journey', journey: journey.id })}>Live counts on the journey map</a> : null}
          <span role="status" class="saved">
            {saved ?? ''}
          </span>
          {journey ? (
            <button type="button" class="danger push-end" disabled={saving} onClick={() => setAskingDelete(true)}>
              Delete journey
            </button>
          ) : null}
        </div>
      </form>
      {journey && askingDelete ? (
        <ConfirmDialog title={`Delete “${journey.name}”?`} confirmLabel="Delete journey" serious onConfirm={() => void remove(journey)} onCancel={() => setAskingDelete(false)}>
          <p>Its experiments stay as they are, without this journey's limit per customer or its stage order; they are free to join another journey.</p>
          <p>Sends already waiting still go out when due. This cannot be undone: to group the experiments again, create a new journey.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
