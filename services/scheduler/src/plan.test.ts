import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron.ts';
import { planSchedules, schedulerIdOf, type SourceSchedule } from './plan.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const source = (id: string, cron: string | null, enabled = true): SourceSchedule => ({ id, name: `s-${id.slice(0, 4)}`, cron, enabled });
const view = (schedulerId: string, cron: string, jobName = 'crawl.source') => ({ schedulerId, jobName, cron, next: null });

describe('planSchedules', () => {
  it('wants one scheduler per enabled source with a cron', () => {
    const plan = planSchedules([source(A, '0 */6 * * *'), source(B, null), source(C, '0 3 * * *', false)], [], cronProblem);
    expect(plan.upserts).toEqual([{ schedulerId: schedulerIdOf(A), sourceId: A, cron: '0 */6 * * *' }]);
    expect(plan.removals).toEqual([]);
  });

  it('leaves matching schedulers alone, updates a changed cron, removes paused, cron-less and orphaned ones', () => {
    const plan = planSchedules(
      [source(A, '0 1 * * *'), source(B, '0 2 * * *'), source(C, '0 3 * * *', false)],
      [view(schedulerIdOf(A), '0 1 * * *'), view(schedulerIdOf(B), '0 9 * * *'), view(schedulerIdOf(C), '0 3 * * *'),
        view('source_44444444-4444-4444-8444-444444444444', '* * * * *'), view('nightly-maintenance', '0 0 * * *')],
      cronProblem,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.upserts.map((u) => u.schedulerId)).toEqual([schedulerIdOf(B)]);
    // Schedulers without our prefix belong to someone else and stay.
    expect(plan.removals.sort()).toEqual([schedulerIdOf(C), 'source_44444444-4444-4444-8444-444444444444'].sort());
  });

  it('reports an invalid cron and schedules nothing for it (removing a stale scheduler)', () => {
    const plan = planSchedules([source(A, '61 * * * *')], [view(schedulerIdOf(A), '0 1 * * *')], cronProblem);
    expect(plan.invalid).toEqual([{ sourceId: A, name: 's-1111', cron: '61 * * * *', problem: expect.stringMatching(/61/) as string }]);
    expect(plan.upserts).toEqual([]);
    expect(plan.removals).toEqual([schedulerIdOf(A)]);
  });
});

describe('cronProblem', () => {
  it('accepts standard and seconds patterns and names what is wrong with bad ones', () => {
    expect(cronProblem('0 */6 * * *')).toBeNull();
    expect(cronProblem('*/30 * * * * *')).toBeNull();
    expect(cronProblem('nope')).toMatch(/nop/);
    expect(cronProblem('1 2 3 4 5 6 7')).toMatch(/too many fields/);
    expect(cronProblem('  ')).toBe('empty cron expression');
  });
});
