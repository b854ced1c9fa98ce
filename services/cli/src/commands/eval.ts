import type { Command } from './command.ts';

/** `himatch eval` (issue 4). */
export const EVAL_COMMANDS: Record<string, Command> = {};
