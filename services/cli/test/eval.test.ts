import { describe, expect, it } from 'vitest';
import { runCli } from './ops-cli.ts';

// `himatch eval` as a child process: the JSON has every per-field figure, each a ratio in
// [0, 1]. Thresholds are not asserted here: the figures are measured, not tuned.

const RATIOS = [
  'isHitPrecision', 'isHitRecall', 'isHitF1', 'roleAccuracy', 'requiredCredentialsF1', 'preferredCredentialsF1',
  'minDegreeAccuracy', 'salaryExact', 'workModeAccuracy', 'employmentTypeAccuracy', 'substitutionAccuracy', 'minYearsAccuracy',
] as const;

type Figures = Record<string, unknown>;

function expectRatios(figures: Figures, where: string): void {
  for (const key of RATIOS) {
    const v = figures[key];
    expect(typeof v, `${where}.${key}`).toBe('number');
    expect(v as number, `${where}.${key}`).toBeGreaterThanOrEqual(0);
    expect(v as number, `${where}.${key}`).toBeLessThanOrEqual(1);
  }
  const states = figures['remoteStatesAccuracy'];
  expect(states === null || (typeof states === 'number' && states >= 0 && states <= 1), `${where}.remoteStatesAccuracy`).toBe(true);
  expect(figures['errors'], `${where}.errors`).toBe(0);
}

describe('himatch eval', () => {
  it('prints every field for the generated and the real postings as JSON', async () => {
    const r = await runCli({}, ['eval', '--samples', '200', '--json'], 120_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { generated: Figures & { textOnly: Figures; duplicateClusters: Figures }; real: Figures | null; targets: Record<string, number> };
    expect(report.generated['items'] as number).toBeGreaterThanOrEqual(200);
    expectRatios(report.generated, 'generated');
    expectRatios(report.generated.textOnly, 'generated.textOnly');
    const dup = report.generated.duplicateClusters;
    for (const key of ['precision', 'recall', 'f1']) {
      expect(dup[key] as number, `duplicateClusters.${key}`).toBeGreaterThanOrEqual(0);
      expect(dup[key] as number, `duplicateClusters.${key}`).toBeLessThanOrEqual(1);
    }
    expect(dup['items'] as number).toBeGreaterThanOrEqual(report.generated['items'] as number);
    expect(report.real, 'shared/fixtures/real-postings is found from the repo root').not.toBeNull();
    expectRatios(report.real!, 'real');
    expect(report.targets).toEqual({ isHitF1: 0.95, role: 0.9, credentialF1: 0.9, salary: 0.9 });
  }, 180_000);

  it('prints a table with the targets next to the real figures', async () => {
    const r = await runCli({}, ['eval', '--samples', '40'], 120_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/field\s+generated\s+gen\. text-only\s+real\s+target \(real\)/);
    expect(r.stdout).toMatch(/isHit F1 .*≥ 0\.95/);
    expect(r.stdout).toMatch(/duplicate-cluster recall \(pairs\)/);
  }, 180_000);

  it('names a bad flag or a missing labels folder', async () => {
    const missing = await runCli({}, ['eval', '--samples', '20', '--real', '/nonexistent/real-postings']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--real: no labels\.jsonl/);
    const bad = await runCli({}, ['eval', '--samples', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--samples must be a whole number/);
  }, 120_000);
});
