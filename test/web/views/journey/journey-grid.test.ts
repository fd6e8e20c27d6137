import { describe, expect, it } from 'vitest';
import type { TouchpointCell } from '../../../../shared/domain/insights/touchpoint-map';
import { cellSureness, journeyGrid, slotEntry } from '../../../../web/src/views/journey/journey-grid';

function cell(overrides: Partial<TouchpointCell> = {}): TouchpointCell {
  return {
    stage: 'post_purchase',
    segment: 'over_50',
    goal: 'survey_completed',
    channel: 'sms',
    verdict: 'leading',
    rate: 0.4878,
    ci95: [0.338, 0.6387],
    probabilityBest: 0.988,
    sends: 39,
    totalSends: 77,
    consensus: 'agree',
    channels: [
      { channel: 'email', sends: 38, responses: 9, rate: 0.25, ci95: [0.13, 0.39], probabilityBest: 0.012, expectedLoss: 0.24, experiments: 2 },
      { channel: 'sms', sends: 39, responses: 19, rate: 0.4878, ci95: [0.338, 0.6387], probabilityBest: 0.988, expectedLoss: 0.0004, experiments: 2 },
    ],
    experiments: [{ experimentId: 'e-1', name: 'Post-purchase survey', status: 'running', running: true, leader: 'sms', winner: null, sends: 77 }],
    ...overrides,
  };
}

describe('the journey map as a grid', () => {
  it('shows every stage in journey order, marking the stages nothing tests as gaps', () => {
    const grid = journeyGrid([cell(), cell({ stage: 'awareness', segment: 'default' })]);
    expect(grid.stages.map((stage) => [stage.stage, stage.tested])).toEqual([
      ['awareness', true],
      ['consideration', false],
      ['purchase', false],
      ['post_purchase', true],
      ['loyalty', false],
    ]);
    expect(grid.segments).toEqual(['over_50', 'default']);
    expect(grid.slots[0]?.[3]?.entries).toHaveLength(1);
    expect(grid.slots[0]?.[0]?.entries).toEqual([]);
    expect(grid.slots[1]?.[0]?.entries[0]?.cell.stage).toBe('awareness');
  });

  it('keeps two goals of one stage and segment apart (their rates are not comparable)', () => {
    const grid = journeyGrid([cell(), cell({ goal: 'clicked' })]);
    expect(grid.slots[0]?.[3]?.entries.map((entry) => entry.cell.goal)).toEqual(['survey_completed', 'clicked']);
  });

  it('lists experiments that exist at a stage but feed no cell yet, so the stage is not called untested blindly', () => {
    const grid = journeyGrid([cell()], [
      { id: 'e-1', name: 'Post-purchase survey', status: 'running', stage: 'post_purchase' },
      { id: 'e-2', name: 'Welcome', status: 'draft', stage: 'awareness' },
    ]);
    expect(grid.stages[0]?.pending.map((experiment) => experiment.id)).toEqual(['e-2']);
    expect(grid.stages[3]?.pending).toEqual([]);
  });

  it.each([
    { case: 'sure', input: cell(), sureness: 'sure', headline: 'SMS leads, 48.8 % (33.8–63.9), 98 % sure; no winner declared yet' },
    { case: 'a declared winner', input: cell({ verdict: 'winner' }), sureness: 'sure', headline: 'SMS wins, 48.8 % (33.8–63.9), 98 % sure' },
    { case: 'likely', input: cell({ probabilityBest: 0.85 }), sureness: 'likely', headline: 'SMS leads, 48.8 % (33.8–63.9), 85 % sure; no winner declared yet' },
    { case: 'unclear', input: cell({ probabilityBest: 0.6 }), sureness: 'unclear', headline: 'No clear best yet: SMS leads, 48.8 % (33.8–63.9), 60 % sure' },
    {
      case: 'too early',
      input: cell({ channels: [cell().channels[0]!, { ...cell().channels[1]!, sends: 4, responses: 1 }] }),
      sureness: 'too_early',
      headline: 'Too early to say: Email 38 sends, 9 responses; SMS 4 sends, 1 response',
    },
  ])('a cell that is $case', ({ input, sureness, headline }) => {
    expect(cellSureness(input)).toBe(sureness);
    expect(slotEntry(input).headline).toBe(headline);
  });

  it('says when experiments disagree', () => {
    expect(slotEntry(cell({ consensus: 'disagree' })).caveat).toBe('Experiments disagree: some lead with another channel');
    expect(slotEntry(cell()).caveat).toBe('');
  });
});
