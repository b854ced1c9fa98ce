import { CronExpressionParser } from 'cron-parser';

// The same parser (and version) BullMQ's job schedulers use, so an expression accepted here
// is one BullMQ will schedule the same way.

/** null when the expression is a valid cron pattern, else why it is not. */
export function cronProblem(expression: string): string | null {
  if (expression.trim() === '') return 'empty cron expression';
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
