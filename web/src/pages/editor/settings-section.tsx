/**
 * Policy, holdout, guardrails and follow-up on silence, each with one sentence of help in plain words.
 */
import { CheckboxField, GroupErrors, SelectField, TextField } from '../../components/fields';
import type { DraftForm } from './draft-form';
import { fieldId, type FieldErrors } from './field-errors';

/** Properties of {@link SettingsSection}. */
export interface SettingsSectionProps {
  readonly form: DraftForm;
  readonly errors: FieldErrors;
  readonly set: (patch: Partial<DraftForm>) => void;
}

function asPercent(text: string): string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? `${(value * 100).toFixed(value * 100 < 1 ? 1 : 0)} %` : '—';
}

/** The traffic and customer-protection settings. */
export function SettingsSection({ form, errors, set }: SettingsSectionProps) {
  return (
    <>
      <fieldset id={fieldId('policy')}>
        <legend>How traffic is split</legend>
        <GroupErrors path="policy" errors={errors} />
        <div class="row">
          <SelectField
            path="policy.type"
            label="Policy"
            value={form.policyType}
            errors={errors}
            help="Thompson sampling moves traffic to the channel that works best as evidence comes in; uniform keeps an even A/B split; epsilon-greedy mostly sends the current best."
            options={[
              { value: 'thompson', label: 'Thompson sampling (recommended)' },
              { value: 'uniform', label: 'Uniform (classic A/B/n)' },
              { value: 'epsilon_greedy', label: 'Epsilon-greedy' },
            ]}
            onChange={(policyType) => set({ policyType })}
          />
          <TextField path="policy.holdout" label="Holdout share" type="number" value={form.holdout} errors={errors} help={`This share of customers gets no message at all, so you can see what messaging adds (now ${asPercent(form.holdout)}; 0 to 0.5).`} onInput={(holdout) => set({ holdout })} />
        </div>
        <div class="row">
          <TextField path="policy.minShare" label="Minimum share per channel" type="number" value={form.minShare} errors={errors} help={`Every channel keeps at least this share of traffic so a late bloomer can still show itself (now ${asPercent(form.minShare)}); a quarter of it once a segment has a winner.`} onInput={(minShare) => set({ minShare })} />
          <TextField path="policy.burnIn" label="Even split until (sends per channel)" type="number" inputMode="numeric" value={form.burnIn} errors={errors} help="Traffic stays even until each channel has had this many sends (a winner still needs responses that had time to arrive)." onInput={(burnIn) => set({ burnIn })} />
          <TextField path="policy.updateEveryMinutes" label="Recompute the split every (minutes)" type="number" value={form.updateEveryMinutes} errors={errors} help="How often the allocator looks at the responses and moves traffic." onInput={(updateEveryMinutes) => set({ updateEveryMinutes })} />
          {form.policyType === 'epsilon_greedy' ? (
            <TextField path="policy.epsilon" label="Exploration share (epsilon)" type="number" value={form.epsilon} errors={errors} help="The share of sends that try a random channel instead of the current best." onInput={(epsilon) => set({ epsilon })} />
          ) : null}
        </div>
      </fieldset>
      <fieldset id={fieldId('guardrails')}>
        <legend>Guardrails</legend>
        <GroupErrors path="guardrails" errors={errors} />
        <CheckboxField id="cap-enabled" label="Cap how often a customer hears from you" checked={form.capEnabled} help="Across all experiments: a customer over the cap gets nothing from this one." onChange={(capEnabled) => set({ capEnabled })} />
        {form.capEnabled ? (
          <div class="row" id={fieldId('guardrails.frequencyCap')}>
            <GroupErrors path="guardrails.frequencyCap" errors={errors} />
            <TextField path="guardrails.frequencyCap.max" label="At most (messages)" type="number" inputMode="numeric" value={form.capMax} errors={errors} onInput={(capMax) => set({ capMax })} />
            <TextField path="guardrails.frequencyCap.perHours" label="Per (hours)" type="number" value={form.capPerHours} errors={errors} help="168 hours is a week." onInput={(capPerHours) => set({ capPerHours })} />
          </div>
        ) : null}
        <div class="row" id={fieldId('guardrails.quietHours')}>
          <GroupErrors path="guardrails.quietHours" errors={errors} />
          <TextField path="guardrails.quietHours.start" label="Quiet hours start" type="time" value={form.quietStart} errors={errors} help="No SMS or push between these times in the customer's own time zone; email and in-app still go." onInput={(quietStart) => set({ quietStart })} />
          <TextField path="guardrails.quietHours.end" label="Quiet hours end" type="time" value={form.quietEnd} errors={errors} onInput={(quietEnd) => set({ quietEnd })} />
        </div>
      </fieldset>
      <fieldset id={fieldId('followUp')}>
        <legend>Follow-up on silence</legend>
        <GroupErrors path="followUp" errors={errors} />
        <CheckboxField id="follow-up-enabled" label="Try another channel when a customer does not answer" checked={form.followUpEnabled} help="After the wait, a customer who has not responded gets the message again on a different channel, chosen by the bandit too." onChange={(followUpEnabled) => set({ followUpEnabled })} />
        {form.followUpEnabled ? (
          <div class="row">
            <TextField path="followUp.afterHours" label="Wait (hours)" type="number" value={form.followUpAfterHours} errors={errors} onInput={(followUpAfterHours) => set({ followUpAfterHours })} />
            <TextField path="followUp.maxSteps" label="Follow-ups at most" type="number" inputMode="numeric" value={form.followUpMaxSteps} errors={errors} help="Each follow-up uses a channel not tried yet." onInput={(followUpMaxSteps) => set({ followUpMaxSteps })} />
          </div>
        ) : null}
      </fieldset>
    </>
  );
}
