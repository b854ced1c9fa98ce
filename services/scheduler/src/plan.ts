import type { ScheduleView } from '@himatch/queue';

// Pure reconciliation plan: which job schedulers the `source` rows ask for, compared with
// those Redis holds. Only ids with SCHEDULER_PREFIX are ours to remove.

export const SCHEDULER_PREFIX = 'source_';

export const schedulerIdOf = (sourceId: string): string => `${SCHEDULER_PREFIX}${sourceId}`;

export interface SourceSchedule {
  id: string;
  name: string;
  cron: string | null;
  enabled: boolean;
}

export interface InvalidCron {
  sourceId: string;
  name: string;
  cron: string;
  problem: string;
}

export interface SchedulePlan {
  /** Missing or changed schedulers to upsert. */
  upserts: { schedulerId: string; sourceId: string; cron: string }[];
  /** Schedulers of paused, deleted, cron-less or invalid-cron sources. */
  removals: string[];
  unchanged: number;
  invalid: InvalidCron[];
}

export function planSchedules(
  sources: readonly SourceSchedule[], existing: readonly ScheduleView[], cronProblem: (cron: string) => string | null,
): SchedulePlan {
  const plan: SchedulePlan = { upserts: [], removals: [], unchanged: 0, invalid: [] };
  const wanted = new Map<string, { sourceId: string; cron: string }>();
  for (const source of sources) {
    const cron = source.cron?.trim();
    if (!source.enabled || !cron) continue;
    const problem = cronProblem(cron);
    if (problem) plan.invalid.push({ sourceId: source.id, name: source.name, cron, problem });
    else wanted.set(schedulerIdOf(source.id), { sourceId: source.id, cron });
  }
  const current = new Map(existing.map((s) => [s.schedulerId, s]));
  for (const [schedulerId, want] of wanted) {
    const have = current.get(schedulerId);
    if (have?.cron === want.cron && have.jobName === 'crawl.source') plan.unchanged += 1;
    else plan.upserts.push({ schedulerId, ...want });
  }
  for (const schedulerId of current.keys()) {
    if (schedulerId.startsWith(SCHEDULER_PREFIX) && !wanted.has(schedulerId)) plan.removals.push(schedulerId);
  }
  return plan;
}
