import { BOARDS, boardAssignment, generatePostings, mutateWithLog, type BoardInfo, type SamplePosting } from '@himatch/samples';

// Everything the server serves for one generation, computed once per generation.

export interface CatalogOptions {
  readonly seed: number;
  readonly count: number;
  readonly generation: number;
  /** Reference "today" for posting dates, ISO. */
  readonly now: string;
}

export interface Catalog {
  readonly options: CatalogOptions;
  readonly now: number;
  /** Every posting served anywhere (reposts included). */
  readonly postings: readonly SamplePosting[];
  readonly boards: readonly BoardInfo[];
  readonly byBoard: Readonly<Record<string, readonly SamplePosting[]>>;
  readonly placements: readonly { postingId: string; boards: readonly string[] }[];
  /** Jobs of generation 0 that are gone in this generation. */
  readonly dropped: readonly string[];
  readonly changed: readonly string[];
}

export function buildCatalog(options: CatalogOptions): Catalog {
  const base = generatePostings({ seed: options.seed, count: options.count, now: options.now });
  const { postings, log } = mutateWithLog(base, { generation: options.generation, seed: options.seed, now: options.now });
  const assignment = boardAssignment(postings, options.seed);
  return {
    options,
    now: Date.parse(options.now),
    postings: [...postings, ...assignment.reposts],
    boards: BOARDS,
    byBoard: assignment.byBoard,
    placements: assignment.placements,
    dropped: log.dropped,
    changed: log.changed,
  };
}

export function boardPostings(catalog: Catalog, key: string): readonly SamplePosting[] {
  return catalog.byBoard[key] ?? [];
}

export function boardBySlug(catalog: Catalog, kind: BoardInfo['kind'], slug: string): BoardInfo | undefined {
  return catalog.boards.find((b) => b.kind === kind && b.slug.toLowerCase() === slug.toLowerCase());
}
