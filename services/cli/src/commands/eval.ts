import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizePosting, clusterListings, scoreClusters, scoreNormalizer, type ClusterItem, type ClusterScores, type NormalizerScores } from '@himatch/normalizer';
import { formatTable, type Cell } from '../table.ts';
import { UsageError } from '../profile-file.ts';
import { generatedSet, loadRealPostings, type EvalCopy } from '../eval-data.ts';
import { intFlag, str, type Command } from './command.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const DEFAULT_REAL_DIR = resolve(REPO_ROOT, '../shared/fixtures/real-postings');

/** Issue 4's targets, stated on the real postings. */
const TARGETS = { isHitF1: 0.95, role: 0.9, credentialF1: 0.9, salary: 0.9 } as const;

/** The flat figures printed per data set; every value is a ratio in [0, 1]. */
export interface EvalFigures {
  items: number;
  errors: number;
  isHitPrecision: number;
  isHitRecall: number;
  isHitF1: number;
  roleAccuracy: number;
  requiredCredentialsF1: number;
  preferredCredentialsF1: number;
  minDegreeAccuracy: number;
  salaryExact: number;
  workModeAccuracy: number;
  remoteStatesAccuracy: number | null;
  employmentTypeAccuracy: number;
  substitutionAccuracy: number;
  minYearsAccuracy: number;
}

function figures(s: NormalizerScores): EvalFigures {
  return {
    items: s.items, errors: s.errors,
    isHitPrecision: s.isHit.precision, isHitRecall: s.isHit.recall, isHitF1: s.isHit.f1,
    roleAccuracy: s.role.accuracy, requiredCredentialsF1: s.requiredCredentials.f1, preferredCredentialsF1: s.preferredCredentials.f1,
    minDegreeAccuracy: s.minDegree.accuracy, salaryExact: s.salary.accuracy, workModeAccuracy: s.workMode.accuracy,
    remoteStatesAccuracy: s.remoteRegions.total > 0 ? s.remoteRegions.accuracy : null,
    employmentTypeAccuracy: s.employmentType.accuracy, substitutionAccuracy: s.substitution.accuracy, minYearsAccuracy: s.minYears.accuracy,
  };
}

/** Normalizes every board copy and clusters them; a copy that fails to normalize stays out. */
export function clusterCopies(copies: readonly EvalCopy[]): ClusterScores {
  const items: ClusterItem[] = [];
  for (const c of copies) {
    try {
      items.push({ id: c.id, listing: normalizePosting(c.raw, { sourceKind: c.sourceKind }), sourceKind: c.sourceKind, externalId: c.externalId, requisitionId: c.requisitionId });
    } catch { /* counted as an error by scoreNormalizer */ }
  }
  const keyOf = new Map(copies.map((c) => [c.id, c.jobKey]));
  return scoreClusters(clusterListings(items), (id) => keyOf.get(id) ?? id);
}

const ROWS: Array<[string, keyof EvalFigures, number | null]> = [
  ['isHit precision', 'isHitPrecision', null], ['isHit recall', 'isHitRecall', null], ['isHit F1', 'isHitF1', TARGETS.isHitF1],
  ['role accuracy (HIT items)', 'roleAccuracy', TARGETS.role], ['required credentials F1', 'requiredCredentialsF1', TARGETS.credentialF1],
  ['preferred credentials F1', 'preferredCredentialsF1', TARGETS.credentialF1], ['min degree accuracy', 'minDegreeAccuracy', null],
  ['salary exact', 'salaryExact', TARGETS.salary], ['work mode accuracy', 'workModeAccuracy', null], ['remote states accuracy', 'remoteStatesAccuracy', null],
  ['employment type accuracy', 'employmentTypeAccuracy', null], ['degree/experience substitution', 'substitutionAccuracy', null], ['min years accuracy', 'minYearsAccuracy', null],
];

/** Misses listed in --json output (the first ones; the counts are in the scores). */
const MAX_MISSES = 300;

const r3 = (n: number | null): Cell => (n === null ? null : n.toFixed(3));

interface EvalReport {
  generated: EvalFigures & { duplicateClusters: ClusterScores; textOnly: EvalFigures };
  real: (EvalFigures & { dir: string }) | null;
  targets: typeof TARGETS;
  misses: { generated: NormalizerScores['misses']; real: NormalizerScores['misses'] };
}

function human(r: EvalReport, seed: number): string {
  const g = r.generated;
  const rows: Cell[][] = ROWS.map(([name, key, target]) => [name, r3(g[key]), r3(g.textOnly[key]), r.real ? r3(r.real[key]) : null, target === null ? null : `≥ ${target}`]);
  const d = g.duplicateClusters;
  rows.push(['duplicate-cluster precision (pairs)', `${r3(d.precision)} (${d.correctPairs}/${d.predictedPairs})`, null, null, null]);
  rows.push(['duplicate-cluster recall (pairs)', `${r3(d.recall)} (${d.correctPairs}/${d.truePairs})`, null, null, null]);
  const head = [`generated: ${g.items} postings (seed ${seed}; ${g.textOnly.items} text-only), ${d.items} board copies; real: ${r.real ? `${r.real.items} postings in ${r.real.dir}` : 'not found'}`];
  const errors = g.errors + (r.real?.errors ?? 0);
  if (errors > 0) head.push(`normalize errors: ${g.errors} generated, ${r.real?.errors ?? 0} real`);
  return [...head, '', formatTable(['field', 'generated', 'gen. text-only', 'real', 'target (real)'], rows)].join('\n');
}

export function evalCommand(opts: { samples: number; seed: number; real: string; json: boolean; print: (human: () => string, data: unknown) => void }): number {
  const set = generatedSet(opts.samples, opts.seed);
  const genScores = scoreNormalizer(set.items);
  const textOnly = figures(scoreNormalizer(set.items.filter((i) => i.textOnly)));
  const realDir = resolve(opts.real);
  const realScores = existsSync(resolve(realDir, 'labels.jsonl')) ? scoreNormalizer(loadRealPostings(realDir)) : null;
  if (!realScores && opts.real !== DEFAULT_REAL_DIR) throw new UsageError(`--real: no labels.jsonl in ${realDir}`);
  const report: EvalReport = {
    generated: { ...figures(genScores), duplicateClusters: clusterCopies(set.copies), textOnly },
    real: realScores && { ...figures(realScores), dir: realDir },
    targets: TARGETS,
    misses: { generated: genScores.misses.slice(0, MAX_MISSES), real: realScores?.misses.slice(0, MAX_MISSES) ?? [] },
  };
  opts.print(() => human(report, opts.seed), report);
  return 0;
}

export const EVAL_COMMANDS: Record<string, Command> = {
  eval: {
    usage: 'himatch eval [--samples N] [--seed S] [--real DIR] [--json]   score the normalizer on generated postings (known truth) and the labelled real postings',
    options: { samples: { type: 'string', default: '600' }, seed: { type: 'string', default: '42' }, real: { type: 'string' } },
    run: (ctx, v) => Promise.resolve(evalCommand({
      samples: intFlag(v['samples'], '--samples', 1, 200_000), seed: intFlag(v['seed'], '--seed', 0, 2 ** 31 - 1),
      real: str(v['real']) ?? DEFAULT_REAL_DIR, json: ctx.json, print: (h, d) => ctx.print(h, d),
    })),
  },
};
