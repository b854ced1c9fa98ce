import { createRng, deriveSeed } from './prng.ts';
import { renderPayParagraph } from './description.ts';
import { DEFAULT_NOW, phraseSeedOf } from './generate.ts';
import type { SamplePosting, SampleSalary } from './types.ts';

export interface MutateOptions {
  /** 0 = unchanged; each generation ≥ 1 drops and edits a few more jobs. */
  readonly generation: number;
  readonly seed?: number;
  /** Time stamped on edited postings' updatedAt. Default 2026-11-20. */
  readonly now?: string;
}

export interface MutationLog {
  readonly dropped: readonly string[];
  readonly changed: readonly string[];
}

function bumpSalary(salary: SampleSalary): SampleSalary {
  const step = salary.period === 'hour' ? 1.5 : 3000;
  return { ...salary, min: salary.min === null ? null : salary.min + step, max: salary.max + step };
}

function editPosting(posting: SamplePosting, updatedAt: string): SamplePosting {
  if (posting.salary) {
    const salary = bumpSalary(posting.salary);
    const truth = { ...posting.truth, salary };
    const seed = phraseSeedOf(posting.truth.repostOf ?? posting.id);
    const descriptionHtml = posting.descriptionHtml.replace(/<p class="pay">.*?<\/p>/, renderPayParagraph(seed, truth));
    return { ...posting, salary, truth, descriptionHtml, updatedAt };
  }
  const title = posting.title.endsWith(' II') ? `${posting.title} - Day Shift` : `${posting.title} II`;
  return { ...posting, title, updatedAt };
}

/** Applies generations 1..n of deterministic edits and disappearances, and says what happened. */
export function mutateWithLog(postings: readonly SamplePosting[], options: MutateOptions): { postings: SamplePosting[]; log: MutationLog } {
  let current = [...postings];
  const dropped: string[] = [];
  const changed = new Set<string>();
  const base = Date.parse(options.now ?? DEFAULT_NOW);
  for (let generation = 1; generation <= options.generation; generation++) {
    const rng = createRng(deriveSeed(options.seed ?? 0, `generation-${generation}`));
    const updatedAt = new Date(base + generation * 60_000).toISOString();
    const next: SamplePosting[] = [];
    for (const posting of current) {
      const roll = rng.next();
      if (roll < 0.04) {
        dropped.push(posting.id);
        changed.delete(posting.id);
      } else if (roll < 0.1) {
        changed.add(posting.id);
        next.push(editPosting(posting, updatedAt));
      } else {
        next.push(posting);
      }
    }
    current = next;
  }
  return { postings: current, log: { dropped, changed: [...changed] } };
}

export function mutate(postings: readonly SamplePosting[], options: MutateOptions): SamplePosting[] {
  return mutateWithLog(postings, options).postings;
}
