import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function run(env: Record<string, string>) {
  return spawn(process.execPath, [MAIN], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('main.ts', () => {
  it('listens on the configured port, serves boards and exits cleanly on SIGTERM', async () => {
    const child = run({ PORT: '0', COUNT: '40', SEED: '5' });
    const [chunk] = await once(child.stdout, 'data') as [Buffer];
    const started = JSON.parse(chunk.toString().split('\n')[0] ?? '{}') as { url: string; count: number };
    expect(started.count).toBe(40);
    const robots = await fetch(`${started.url}/robots.txt`);
    expect(robots.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit') as [number | null];
    expect(code).toBe(0);
  });

  it('fails fast with exit code 2 naming the bad variable', async () => {
    const child = run({ PORT: 'eighty', GENERATION: '-1' });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const [code] = await once(child, 'exit') as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('GENERATION');
  });
});
