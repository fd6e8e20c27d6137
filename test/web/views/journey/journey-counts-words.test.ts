import { describe, expect, it } from 'vitest';
import { EMPTY_TRIGGER_COUNTS } from '../../../../shared/domain/triggers/pending-send';
import { countFigures, exitNote } from '../../../../web/src/views/journey/journey-counts-words';

describe('a journey’s live counts in words', () => {
  it('shows triggered, waiting, sent and exited, in that order', () => {
    const counts = { triggered: 1200, waiting: 3, sent: 1190, suppressed: 2, exited: { total: 5, byReason: { exit_event: 4, journey_cap: 1 } } };
    expect(countFigures(counts).map((figure) => [figure.label, figure.text])).toEqual([
      ['Triggered', '1,200'],
      ['Waiting', '3'],
      ['Sent', '1,190'],
      ['Exited', '5'],
    ]);
    expect(exitNote(counts)).toBe("4 by an exit event, 1 over the journey's limit; 2 suppressed (no channel the customer may receive)");
  });

  it('says nothing more when nothing exited', () => {
    expect(exitNote(EMPTY_TRIGGER_COUNTS)).toBe('');
    expect(countFigures(EMPTY_TRIGGER_COUNTS).every((figure) => figure.value === 0)).toBe(true);
  });
});
