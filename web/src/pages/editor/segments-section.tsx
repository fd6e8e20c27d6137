/**
 * The segments of the editor: named rules, first match wins, `default` takes everyone else; and,
 * when customers exist, an estimate of how many fall in each segment.
 */
import { useState } from 'preact/hooks';
import { api, type SegmentEstimate } from '../../api/client';
import { count } from '../../charts/format';
import { GroupErrors, TextField } from '../../components/fields';
import { type DraftForm, newSegment, type SegmentDraft } from './draft-form';
import { fieldId, type FieldErrors } from './field-errors';
import { describeRule, draftToRule } from './rule-draft';
import { RuleGroup } from './rule-builder';

/** Properties of {@link SegmentsSection}. */
export interface SegmentsSectionProps {
  readonly form: DraftForm;
  readonly errors: FieldErrors;
  readonly onChange: (segments: readonly SegmentDraft[]) => void;
}

function EstimateTable({ estimate }: { readonly estimate: SegmentEstimate }) {
  if (estimate.customersConsidered === 0) return <p data-testid="estimate">No customer profile yet: the estimate needs customers (PUT /v1/customers/…).</p>;
  return (
    <div class="table-scroll" data-testid="estimate">
      <table>
        <caption>
          Who falls where, among {count(estimate.customersConsidered)} known customers{estimate.truncated ? ' (a sample: there are more)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Customers</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {estimate.segments.map((segment) => (
            <tr key={segment.segment} data-segment={segment.segment}>
              <th scope="row">{segment.segment}</th>
              <td>{count(segment.customers)}</td>
              <td>{((100 * segment.customers) / estimate.customersConsidered).toFixed(1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Segments and their estimate. */
export function SegmentsSection({ form, errors, onChange }: SegmentsSectionProps) {
  const [estimate, setEstimate] = useState<SegmentEstimate | undefined>();
  const [estimateProblem, setEstimateProblem] = useState<string | undefined>();
  const segments = form.segments;
  const set = (index: number, segment: SegmentDraft) => onChange(segments.map((existing, at) => (at === index ? segment : existing)));
  const move = (index: number, by: number) => {
    const target = index + by;
    if (target < 0 || target >= segments.length) return;
    const next = [...segments];
    [next[index], next[target]] = [next[target] as SegmentDraft, next[index] as SegmentDraft];
    onChange(next);
  };
  const runEstimate = async () => {
    setEstimateProblem(undefined);
    try {
      setEstimate(await api.estimateSegments(segments.map((segment) => ({ name: segment.name, rule: draftToRule(segment.rule) }))));
    } catch (error) {
      setEstimate(undefined);
      setEstimateProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <fieldset id={fieldId('segments')}>
      <legend>Segments</legend>
      <p class="help">Each segment learns its own best channel. A customer belongs to the first segment whose rules they meet; everyone else is in “default”.</p>
      <GroupErrors path="segments" errors={errors} />
      <ol class="segments">
        {segments.map((segment, index) => (
          <li key={index} class="segment card" id={fieldId(`segments[${index}]`)}>
            <GroupErrors path={`segments[${index}]`} errors={errors} />
            <TextField path={`segments[${index}].name`} label={`Segment ${index + 1} name`} value={segment.name} errors={errors} help="Letters, digits, _ or -; starts with a letter." onInput={(name) => set(index, { ...segment, name })} />
            <RuleGroup path={`segments[${index}].rule`} group={segment.rule} errors={errors} label={`Rules of segment ${segment.name || index + 1}`} onChange={(rule) => set(index, { ...segment, rule })} />
            <p class="muted" data-field="rule-sentence">
              In words: {describeRule(segment.rule)}
            </p>
            <div class="row-actions">
              <button type="button" class="secondary" disabled={index === 0} onClick={() => move(index, -1)}>
                Move up<span class="visually-hidden"> {segment.name}</span>
              </button>
              <button type="button" class="secondary" disabled={index === segments.length - 1} onClick={() => move(index, 1)}>
                Move down<span class="visually-hidden"> {segment.name}</span>
              </button>
              <button type="button" class="secondary" onClick={() => onChange(segments.filter((_, at) => at !== index))}>
                Remove segment<span class="visually-hidden"> {segment.name}</span>
              </button>
            </div>
          </li>
        ))}
        <li class="segment default-segment">
          <strong>default</strong> <span class="muted">— everyone who matches no segment above.</span>
        </li>
      </ol>
      <div class="row-actions">
        <button type="button" class="secondary" onClick={() => onChange([...segments, newSegment(segments.length)])}>
          Add segment
        </button>
        <button type="button" class="secondary" onClick={() => void runEstimate()}>
          Estimate who falls where
        </button>
      </div>
      <div aria-live="polite">
        {estimate ? <EstimateTable estimate={estimate} /> : null}
        {estimateProblem ? <p class="error-text">{estimateProblem}</p> : null}
      </div>
    </fieldset>
  );
}
