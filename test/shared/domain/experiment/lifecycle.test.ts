import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../../../../shared/domain/errors/channel-lab-error';
import { applyAction, newExperiment, withDefinition } from '../../../../shared/domain/experiment/experiment';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { EXPERIMENT_STATUSES, LIFECYCLE_ACTIONS, nextStatus } from '../../../../shared/domain/experiment/lifecycle';
import { surveyExperiment } from '../../../support/experiments';

const T0 = new Date('2026-11-23T10:00:00Z');
const T1 = new Date('2026-11-23T11:00:00Z');

describe('nextStatus', () => {
  it.each([
    { from: 'draft', action: 'start', to: 'running' },
    { from: 'running', action: 'pause', to: 'paused' },
    { from: 'paused', action: 'resume', to: 'running' },
    { from: 'running', action: 'complete', to: 'completed' },
    { from: 'paused', action: 'complete', to: 'completed' },
    { from: 'draft', action: 'archive', to: 'archived' },
    { from: 'completed', action: 'archive', to: 'archived' },
  ] as const)('$from --$action--> $to', ({ from, action, to }) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each([
    { from: 'draft', action: 'pause' },
    { from: 'running', action: 'start' },
    { from: 'running', action: 'archive' },
    { from: 'completed', action: 'resume' },
    { from: 'archived', action: 'start' },
    { from: 'archived', action: 'archive' },
  ] as const)('refuses $action from $from', ({ from, action }) => {
    expect(() => nextStatus(from, action)).toThrow(InvalidStateError);
  });

  it('archived is terminal and nothing leads back to draft', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXPERIMENT_STATUSES), fc.constantFrom(...LIFECYCLE_ACTIONS), (status, action) => {
        let next: string | undefined;
        try {
          next = nextStatus(status, action);
        } catch {
          return true;
        }
        return status !== 'archived' && next !== 'draft';
      }),
    );
  });
});

describe('experiment entity', () => {
  const definition = ExperimentDefinitionSchema.parse(surveyExperiment());

  it('bumps the version and records start and completion times', () => {
    const started = applyAction(newExperiment('e1', definition, T0), 'start', T1);
    expect(started).toMatchObject({ status: 'running', version: 2, startedAt: T1.toISOString(), updatedAt: T1.toISOString() });
    const completed = applyAction(started, 'complete', T1);
    expect(completed).toMatchObject({ status: 'completed', version: 3, completedAt: T1.toISOString() });
  });

  it('lets only drafts change their definition', () => {
    const draft = newExperiment('e1', definition, T0);
    expect(withDefinition(draft, { ...definition, name: 'renamed' }, T1).definition.name).toBe('renamed');
    const running = applyAction(draft, 'start', T1);
    expect(() => withDefinition(running, definition, T1)).toThrow('the definition can change only in draft; this experiment is running');
  });
});
