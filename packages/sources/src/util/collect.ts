import { rawPostingSchema, type RawPosting, type RawPostingInput } from '@himatch/core';
import type { AdapterResult, ItemFailure } from '../types.ts';
import type { FetchRequest } from '@himatch/core';

/**
 * Builds an AdapterResult one item at a time so a malformed item fails alone: a throw or a
 * schema rejection becomes a failure entry with its reason, and the other items are kept.
 */
export class ResultBuilder {
  readonly postings: RawPosting[] = [];
  readonly next: FetchRequest[] = [];
  readonly failures: ItemFailure[] = [];
  private readonly seen = new Set<string>();
  private readonly pageUrl: string;

  constructor(pageUrl: string) {
    this.pageUrl = pageUrl;
  }

  /** Maps one item; `idOf` names it in the failure entry when mapping throws. */
  add(item: unknown, map: (item: unknown) => RawPostingInput | null, idOf: (item: unknown) => string | null): void {
    let externalId: string | null = null;
    try {
      externalId = idOf(item);
      const input = map(item);
      if (input) this.addPosting(input);
    } catch (error) {
      this.fail(externalId, error instanceof Error ? error.message : String(error));
    }
  }

  addPosting(input: RawPostingInput): void {
    const checked = rawPostingSchema.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue ? issue.path.join('.') || '(root)' : '(root)';
      this.fail(input.externalId ?? null, `invalid posting: ${where}: ${issue?.message ?? 'rejected'}`, input.url ?? null);
      return;
    }
    const posting = checked.data;
    // Feeds repeat items (the recorded RSS and Indeed feeds list each job twice); the same
    // external id twice in one response is one posting.
    if (posting.externalId !== undefined) {
      if (this.seen.has(posting.externalId)) return;
      this.seen.add(posting.externalId);
    }
    this.postings.push(posting);
  }

  fail(externalId: string | null, reason: string, url?: string | null): void {
    this.failures.push({ url: url ?? this.pageUrl, externalId, reason });
  }

  result(): AdapterResult {
    return { postings: this.postings, next: this.next, failures: this.failures };
  }
}

export function requireString(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Error(`missing ${field}`);
}
