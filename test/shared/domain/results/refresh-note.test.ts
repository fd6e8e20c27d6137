import { describe, expect, it } from 'vitest';
import { refreshView } from '../../../../shared/domain/results/refresh-note';

describe('refreshView: results say when they refresh', () => {
  it.each([
    { status: 'running', allocationVersion: 3, next: '2026-06-01T10:30:00.000Z', note: /as of the allocation at 10:15 UTC, with the sends and responses counted until a few seconds before it; those since then show at the next one, due 10:30 UTC \(every 15 min\)/ },
    { status: 'running', allocationVersion: 0, next: null, note: /No allocation yet: .* within a minute of the start/ },
    { status: 'draft', allocationVersion: 0, next: null, note: /start it/ },
    { status: 'paused', allocationVersion: 3, next: null, note: /after resume/ },
    { status: 'completed', allocationVersion: 9, next: null, note: /Final figures/ },
  ] as const)('$status, allocation $allocationVersion', ({ status, allocationVersion, next, note }) => {
    const view = refreshView({ status, allocationVersion, updatedAt: '2026-06-01T10:15:00.000Z', everyMinutes: 15 });
    expect(view.nextUpdateAt).toBe(next);
    expect(view.note).toMatch(note);
  });
});
