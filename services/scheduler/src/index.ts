export { reconcileSchedules, type ReconcileDeps, type ReconcileResult } from './reconcile.ts';
export { createReconciler, listenForRequests, reconcileChannel, type Reconciler } from './reconciler.ts';
export { planSchedules, schedulerIdOf, SCHEDULER_PREFIX, type SchedulePlan, type SourceSchedule, type InvalidCron } from './plan.ts';
export { cronProblem } from './cron.ts';
export { loadConfig, type SchedulerConfig } from './config.ts';
