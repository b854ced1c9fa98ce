// Runs the real `himatch` CLI as a child process against a test database and Redis prefix.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(env: Record<string, string>, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Column start offsets of a table's header line, to check that rows line up under it. */
export function columnStarts(header: string, names: string[]): number[] {
  return names.map((n) => header.search(new RegExp(`(^|  )${n}( |$)`)) + (header.startsWith(n) ? 0 : 2));
}
