/**
 * The editor's Trigger and Exits sections: which customer event starts a send (with filters on the
 * event's properties and the customer's attributes), after what delay and at what local time,
 * which template variables come from the event; and which events cancel a waiting send. The
 * trigger is summed up in one sentence as it is edited. The API validates: its errors appear
 * beside these fields like everywhere in the editor.
 */
import { CheckboxField, GroupErrors, SelectField, TextField } from '../../components/fields';
import { codeParts, type DelayUnit, triggerSentence } from '../../components/trigger-words';
import { fieldId, type FieldErrors } from './field-errors';
import { RuleGroup, type Subject } from './rule-builder';
import { type ExitDraft, type FilterKind, type FiltersDraft, delayMinutes, newExit, newFilter, type TriggerDraft } from './trigger-draft';

/** An event's properties (trigger and exit filters). */
const EVENT_PROPERTY: Subject = { label: 'Event property', placeholder: 'total, order.country', who: 'The event matches when' };
/** The customer's attributes, as the trigger sees them. */
const CUSTOMER: Subject = { label: 'Customer attribute', placeholder: 'age, country, vip', who: 'The customer matches when' };

const UNITS: readonly { readonly value: DelayUnit; readonly label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

const FILTER_WORDS: Readonly<Record<FilterKind, { readonly check: string; readonly subject: Subject }>> = {
  event: { check: "Only when the event's properties match", subject: EVENT_PROPERTY },
  customer: { check: 'Only for customers who match', subject: CUSTOMER },
};

/** The optional filters of a trigger or exit (`path` is `trigger` or `exits[0]`). */
function Filters({ path, name, where, errors, onChange }: { readonly path: string; readonly name: string; readonly where: FiltersDraft; readonly errors: FieldErrors; readonly onChange: (where: FiltersDraft) => void }) {
  return (
    <>
      <GroupErrors path={`${path}.where`} errors={errors} />
      {(['event', 'customer'] as const).map((kind) => {
        const rule = where[kind];
        return (
          <div key={kind} class="trigger-filter">
            <CheckboxField
              id={`${fieldId(path)}-filter-${kind}`}
              label={FILTER_WORDS[kind].check}
              checked={rule !== undefined}
              onChange={(checked) => {
                const { [kind]: _removed, ...rest } = where;
                onChange(checked ? { ...rest, [kind]: newFilter() } : rest);
              }}
            />
            {rule ? <RuleGroup path={`${path}.where.${kind}`} group={rule} errors={errors} subject={FILTER_WORDS[kind].subject} label={`${name}: ${FILTER_WORDS[kind].check.toLowerCase()}`} onChange={(next) => onChange({ ...where, [kind]: next })} /> : null}
          </div>
        );
      })}
    </>
  );
}

/** The trigger's sentence, event names as code; what is missing when the draft says too little. */
function Summary({ trigger }: { readonly trigger: TriggerDraft }) {
  const minutes = delayMinutes(trigger);
  if (trigger.event.trim() === '') return <p class="muted" data-field="trigger-summary">Name the event that starts a send.</p>;
  if (typeof minutes !== 'number') return <p class="muted" data-field="trigger-summary">The delay is not a number yet.</p>;
  const sentence = triggerSentence({ event: trigger.event.trim(), delay: { minutes, ...(trigger.atLocalTime ? { atLocalTime: trigger.atLocalTime } : {}), ...(trigger.timeZone.trim() ? { timeZone: trigger.timeZone.trim() } : {}) } });
  return (
    <p class="trigger-summary" data-field="trigger-summary">
      In words:{' '}
      {codeParts(sentence).map((part, index) => (part.code ? <code key={index}>{part.text}</code> : <span key={index}>{part.text}</span>))}
      {trigger.where.event || trigger.where.customer ? ', when the filters below match' : ''}.
    </p>
  );
}

/** Properties of {@link TriggerSection}. */
export interface TriggerSectionProps {
  readonly trigger: TriggerDraft;
  readonly exits: readonly ExitDraft[];
  /** Template variables the content uses (a trigger may fill them from the event). */
  readonly variables: readonly string[];
  readonly errors: FieldErrors;
  readonly onTrigger: (trigger: TriggerDraft) => void;
  readonly onExits: (exits: readonly ExitDraft[]) => void;
}

function VariableMappings({ trigger, variables, errors, set }: { readonly trigger: TriggerDraft; readonly variables: readonly string[]; readonly errors: FieldErrors; readonly set: (patch: Partial<TriggerDraft>) => void }) {
  const mapped = new Set(trigger.variables.map((mapping) => mapping.variable));
  const free = variables.filter((name) => !mapped.has(name));
  return (
    <div class="trigger-variables" id={fieldId('trigger.variables')}>
      <h3>Variables from the event</h3>
      <p class="help">A variable filled from the event needs no value in a send request: e.g. surveyUrl from the property survey.url.</p>
      <GroupErrors path="trigger.variables" errors={errors} />
      {trigger.variables.map((mapping, index) => (
        <div class="row" key={mapping.variable}>
          <p class="mapping-name">
            <code>{`{{${mapping.variable}}}`}</code> from
          </p>
          <TextField
            path={`trigger.variables.${mapping.variable}`}
            label={`Event property for ${mapping.variable}`}
            value={mapping.path}
            placeholder="order.id"
            errors={errors}
            onInput={(path) => set({ variables: trigger.variables.map((existing, at) => (at === index ? { ...existing, path } : existing)) })}
          />
          <button type="button" class="secondary" onClick={() => set({ variables: trigger.variables.filter((_, at) => at !== index) })}>
            Remove<span class="visually-hidden"> {mapping.variable}</span>
          </button>
        </div>
      ))}
      {free.length > 0 ? (
        <div class="row-actions">
          {free.map((name) => (
            <button key={name} type="button" class="secondary" onClick={() => set({ variables: [...trigger.variables, { variable: name, path: '' }] })}>
              Fill {name} from the event
            </button>
          ))}
        </div>
      ) : trigger.variables.length === 0 ? (
        <p class="muted">The content uses no variable to fill.</p>
      ) : null}
    </div>
  );
}

/** The Trigger and Exits sections. */
export function TriggerSection({ trigger, exits, variables, errors, onTrigger, onExits }: TriggerSectionProps) {
  const set = (patch: Partial<TriggerDraft>) => onTrigger({ ...trigger, ...patch });
  const setExit = (index: number, exit: ExitDraft) => onExits(exits.map((existing, at) => (at === index ? exit : existing)));
  return (
    <>
      <fieldset id={fieldId('trigger')} class="trigger">
        <legend>Trigger</legend>
        <p class="help">Send this message when a customer does something (an order delivered, a cart abandoned), after a delay, instead of your systems calling the send API. The bandit still chooses each send's channel per segment.</p>
        <CheckboxField id="trigger-enabled" label="Send when a customer event happens" checked={trigger.enabled} onChange={(enabled) => set({ enabled })} />
        {trigger.enabled ? (
          <>
            <GroupErrors path="trigger" errors={errors} />
            <TextField path="trigger.event" label="Event name" value={trigger.event} placeholder="order_delivered" errors={errors} help="As your systems send it to /v1/events with kind “customer”: letters, digits, _ . : or -." onInput={(event) => set({ event })} />
            <GroupErrors path="trigger.delay" errors={errors} />
            <div class="row">
              <TextField path="trigger.delay.minutes" label="Delay" type="number" value={trigger.delayAmount} errors={errors} help="How long after the event the send comes due (0: at once; at most 60 days)." onInput={(delayAmount) => set({ delayAmount })} />
              <SelectField path="trigger.delay.$unit" label="Unit" value={trigger.delayUnit} errors={errors} options={UNITS} onChange={(delayUnit) => set({ delayUnit })} />
            </div>
            <CheckboxField id="trigger-local-time" label="Then at the customer's next local time" checked={trigger.atLocalTime !== ''} help="E.g. 10:00 in the customer's own time zone (their profile's), never at night." onChange={(checked) => set({ atLocalTime: checked ? '10:00' : '', timeZone: checked ? trigger.timeZone : '' })} />
            {trigger.atLocalTime !== '' ? (
              <div class="row">
                <TextField path="trigger.delay.atLocalTime" label="Local time (HH:MM)" type="time" value={trigger.atLocalTime} errors={errors} onInput={(atLocalTime) => set({ atLocalTime })} />
                <TextField path="trigger.delay.timeZone" label="Time zone when the profile has none (optional)" value={trigger.timeZone} placeholder="Europe/Paris" errors={errors} help="Otherwise UTC." onInput={(timeZone) => set({ timeZone })} />
              </div>
            ) : null}
            <Summary trigger={trigger} />
            <Filters path="trigger" name="Trigger" where={trigger.where} errors={errors} onChange={(where) => set({ where })} />
            <VariableMappings trigger={trigger} variables={variables} errors={errors} set={set} />
          </>
        ) : null}
      </fieldset>

      <fieldset id={fieldId('exits')} class="exits">
        <legend>Exits</legend>
        <p class="help">A waiting send is cancelled when the customer does one of these first (they bought before the cart reminder went out). A cancelled send is not a send: the bandit never counts it.</p>
        <GroupErrors path="exits" errors={errors} />
        {exits.length === 0 ? <p class="muted">No exit: every triggered send goes out when due.</p> : null}
        <ol class="exit-list">
          {exits.map((exit, index) => (
            <li key={index} class="card" id={fieldId(`exits[${index}]`)}>
              <GroupErrors path={`exits[${index}]`} errors={errors} />
              <TextField path={`exits[${index}].event`} label={`Exit event ${index + 1}`} value={exit.event} placeholder="order_completed" errors={errors} onInput={(event) => setExit(index, { ...exit, event })} />
              <Filters path={`exits[${index}]`} name={`Exit ${index + 1}`} where={exit.where} errors={errors} onChange={(where) => setExit(index, { ...exit, where })} />
              <div class="row-actions">
                <button type="button" class="secondary" onClick={() => onExits(exits.filter((_, at) => at !== index))}>
                  Remove exit<span class="visually-hidden"> {index + 1}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div class="row-actions">
          <button type="button" class="secondary" onClick={() => onExits([...exits, newExit()])}>
            Add exit
          </button>
        </div>
      </fieldset>
    </>
  );
}
