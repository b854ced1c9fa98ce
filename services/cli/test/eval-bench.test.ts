import { describe, expect, it } from 'vitest';
import { runCli } from './ops-cli.ts';

// `himatch bench normalize` as a child process: the figures are present and consistent.
// Speed itself is printed, never asserted.

describe('himatch bench normalize', () => {
  it('reports throughput per core, the HTML-stage ratios and peak RSS', async () => {
    const r = await runCli({}, ['bench', 'normalize', '--postings', '300', '--json'], 180_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as Record<string, unknown> & { phases: Array<{ name: string; cpuMs: number }> };
    expect(b['postings']).toBe(300);
    for (const key of ['perCorePostingsPerSec', 'wallPostingsPerSec', 'meanMicrosPerPosting', 'ratioToCleanDescription', 'ratioToHtmlToText', 'peakRssMb']) {
      expect(typeof b[key], key).toBe('number');
      expect(b[key] as number, key).toBeGreaterThan(0);
    }
    expect(b.phases.map((p) => p.name.split(' ')[0])).toEqual(['normalizePosting', 'cleanDescription', 'htmlToText']);
    expect(b['targetPerCore']).toBe(1000);
  }, 240_000);
});
