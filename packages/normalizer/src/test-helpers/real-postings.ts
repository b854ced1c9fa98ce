import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawPostingInput } from '@himatch/core';
import { rawFromFixture } from '../fixture.ts';
import type { Label } from '../eval.ts';

// Test-only I/O: the labelled real postings in the shared fixtures folder.

export const REAL_POSTINGS_DIR = new URL('../../../../../shared/fixtures/real-postings/', import.meta.url).pathname;

export function loadRealPostings(dir = REAL_POSTINGS_DIR): Array<{ raw: RawPostingInput; label: Label }> {
  const labels = readFileSync(join(dir, 'labels.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Label & { file: string });
  const files = new Set(readdirSync(join(dir, 'raw')));
  return labels.filter((l) => files.has(l.file)).map((label) => ({ raw: rawFromFixture(label.file, readFileSync(join(dir, 'raw', label.file), 'utf8')), label }));
}
