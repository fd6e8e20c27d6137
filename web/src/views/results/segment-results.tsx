/**
 * One segment of an experiment's results: what to do next in one sentence, the arms as a
 * dot-and-interval plot and as a table (rate and interval, P(best), expected loss, share now,
 * raw counts), the holdout lift, and the traffic share over time.
 */
import type { ExperimentResults, SegmentResultView } from '../../../../shared/domain/results/results-schema';
import { ChannelMarker } from '../../charts/channel-marker';
import { channelName, count, percent, plural, probability, rateWithInterval, ratePoints } from '../../charts/format';
import { IntervalPlot } from '../../charts/interval-plot';
import { ShareChart } from '../../charts/share-chart';
import { armEvidence } from './evidence';
import { holdoutSummary } from './holdout';
import { nextStep, segmentChanges, segmentMissing } from './next-step';

/** Properties of {@link SegmentResults}. */
export interface SegmentResultsProps {
  readonly results: ExperimentResults;
  readonly segment: SegmentResultView;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words for the status column. */
function armMark(segment: SegmentResultView, channel: string): 'winner' | 'leader' | undefined {
  if (segment.winner === channel) return 'winner';
  if (segment.winner === null && segment.leader === channel) return 'leader';
  return undefined;
}

/** The section of one segment. */
export function SegmentResults({ results, segment }: SegmentResultsProps) {
  const step = nextStep(segment);
  const missing = segmentMissing(segment).filter((text) => !step.sentence.includes(text)); // the sentence quotes the first
  const changes = segmentChanges(segment);
  const holdout = holdoutSummary(segment);
  const arms = segment.arms.map((arm) => ({ arm, evidence: armEvidence(arm), mark: armMark(segment, arm.channel) }));
  const headingId = `segment-${segment.segment.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const runs = results.history.filter((point) => point.segment === segment.segment);
  return (
    <section class="segment-results" aria-labelledby={headingId} data-segment={segment.segment}>
      <h2 id={headingId}>Segment: {segment.segment}</h2>
      <p class={`next-step next-step-${step.kind}`} data-field="next-step" data-kind={step.kind}>
        {step.sentence}
      </p>
      {missing.length > 0 ? (
        <div class="missing" data-field="missing">
          <p>Before a winner can be declared:</p>
          <ul>
            {missing.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {changes.length > 0 ? (
        <ul class="changes" data-field="changes">
          {changes.map((text) => (
            <li key={text}>
              <strong>Rate change detected:</strong> {text}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="segment-counts">
        {plural(segment.sends, 'send')}, {plural(segment.responses, 'response')}
        {segment.inBurnIn ? ' · burn-in: traffic split evenly' : ''}
      </p>
      <figure class="chart-figure">
        <IntervalPlot
          segment={segment.segment}
          holdoutRate={segment.holdout.sends > 0 ? segment.holdout.rate : null}
          arms={arms.map(({ arm, evidence, mark }) => ({ channel: arm.channel, rate: arm.rate, ci95: arm.ci95, tooEarly: evidence.tooEarly, counts: evidence.counts, ...(mark ? { mark } : {}) }))}
        />
        <figcaption>
          Response rate (marker) and its 95 % credible interval (line) per channel: the rate lies inside the line with probability 0.95 given the data. A filled marker is the {segment.winner ? 'winner' : 'leader'}
          {segment.holdout.sends > 0 ? '; the dashed line is the rate of held-out customers, who got no message' : ''}.
        </figcaption>
      </figure>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={`Channels in segment ${segment.segment} (scrolls sideways)`}>
        <table class="arms">
          <caption>Channels in segment {segment.segment}</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Rate (95 % interval)</th>
              <th scope="col">
                <abbr title="Probability that this channel has the highest rate">P(best)</abbr>
              </th>
              <th scope="col">
                <abbr title="Rate points given up, on average, by choosing this channel now">Expected loss</abbr>
              </th>
              <th scope="col">Share now</th>
              <th scope="col">Sends (matured)</th>
              <th scope="col">Responses</th>
            </tr>
          </thead>
          <tbody>
            {arms.map(({ arm, evidence, mark }) => (
              <tr key={arm.channel} data-channel={arm.channel} class={evidence.tooEarly ? 'too-early' : undefined}>
                <th scope="row">
                  <ChannelMarker channel={arm.channel} /> {channelName(arm.channel)}
                  {mark ? <span class={`badge badge-${mark}`}>{mark}</span> : null}
                </th>
                {evidence.tooEarly ? (
                  <td colSpan={3} data-field="rate" data-label="Rate">
                    {capitalise(evidence.summary)}
                  </td>
                ) : (
                  <>
                    <td class="num" data-field="rate" data-label="Rate (95 % interval)">
                      {rateWithInterval(arm.rate, arm.ci95)}
                      {evidence.provisional ? <span class="provisional"> provisional</span> : null}
                    </td>
                    <td class="num" data-field="probability-best" data-label="P(best)">
                      {probability(arm.probabilityBest)}
                    </td>
                    <td class="num" data-field="expected-loss" data-label="Expected loss">
                      {ratePoints(arm.expectedLoss)}
                    </td>
                  </>
                )}
                <td class="num" data-field="weight" data-label="Share now">
                  {percent(arm.weight)}
                </td>
                <td class="num" data-field="sends" data-label="Sends (matured)">
                  {count(arm.sends)} ({count(arm.maturedSends)})
                </td>
                <td class="num" data-field="responses" data-label="Responses">
                  {count(arm.responses)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details class="more-figures">
        <summary>More figures: inverse-propensity-weighted rate, values carried by responses</summary>
        <p>
          The IPW rate reweights each decision by how unlikely the allocator made it: a large gap with the rate means the traffic mix or a drift matters. It counts open windows as they stand, so read it once sends have matured.
        </p>
        <ul>
          {segment.arms.map((arm) => (
            <li key={arm.channel} data-channel={arm.channel}>
              {channelName(arm.channel)}: IPW rate {percent(arm.ipwRate)}
              {arm.value ? `; ${plural(arm.value.count, 'response')} carried a value, mean ${arm.value.mean.toLocaleString('en-US', { maximumFractionDigits: 2 })}` : '; no value carried'}
            </li>
          ))}
        </ul>
      </details>
      <p class={`holdout holdout-${holdout.state}`} data-field="holdout">
        <strong>Holdout.</strong> {holdout.text}
      </p>
      <figure class="chart-figure">
        <ShareChart segment={segment.segment} runs={runs} channels={segment.arms.map((arm) => arm.channel)} />
        <figcaption>
          Traffic share per channel at each allocator run ({runs.length} run{runs.length === 1 ? '' : 's'}): the share holds until the next run. Lines differ by dash pattern and marker, and each is labelled.
        </figcaption>
      </figure>
    </section>
  );
}
