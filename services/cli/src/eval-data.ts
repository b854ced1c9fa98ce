import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawPostingInput } from '@himatch/core';
import { rawFromFixture, type Label } from '@himatch/normalizer';
import { boardAssignment, boardByKey, generatePostings, type BoardKey, type SamplePosting } from '@himatch/samples';

// Labelled data for `himatch eval` and `himatch bench normalize`: generated sample postings
// (the truth is known) turned into the RawPostings a board would hand over, and the real
// postings in shared/fixtures.

/** One board copy of a generated posting. */
export interface EvalCopy {
  /** `<board>:<posting id>`; unique per copy. */
  readonly id: string;
  /** Copies with the same job key are the same real job (reposts get their own key). */
  readonly jobKey: string;
  readonly sourceKind: string;
  readonly externalId: string;
  readonly requisitionId: string | null;
  readonly raw: RawPostingInput;
}

export interface GeneratedSet {
  /** One item per generated posting (and per staffing-agency repost), scored once. */
  readonly items: Array<{ raw: RawPostingInput; label: Label; textOnly: boolean }>;
  /** Every board copy, for duplicate clustering. */
  readonly copies: EvalCopy[];
}

/** The sample truth in the label vocabulary of fixtures/real-postings. */
export function sampleLabel(p: SamplePosting): Label {
  const t = p.truth;
  return {
    file: p.id,
    is_hit: t.isHit,
    role: t.role ?? 'other_non_hit',
    required_credentials: t.requiredCredentials.map((g) => g.anyOf.join('|')),
    preferred_credentials: t.preferredCredentials.map((g) => g.anyOf.join('|')),
    min_degree: t.minEducation,
    salary: t.salary && { min: t.salary.min, max: t.salary.max, currency: t.salary.currency, period: t.salary.period },
    remote: t.workMode,
    remote_regions: t.workMode === 'remote' ? [...t.remoteRegions] : null,
    employment_type: t.employmentType,
    degree_or_experience_substitution: t.experienceSubstitutes,
    min_years_experience: t.minYears,
  };
}

const nationwide = (p: SamplePosting) => p.remoteRegions.length === 1 && p.remoteRegions[0] === 'US';

/** The location line a board shows: "Remote - TX, OK", "Dallas, TX (Hybrid)", "Dallas, TX". */
function boardLocation(p: SamplePosting): string {
  if (p.workMode === 'remote') return nationwide(p) ? 'Remote - US' : `Remote - ${p.remoteRegions.join(', ')}`;
  return p.workMode === 'hybrid' ? `${p.city}, ${p.region} (Hybrid)` : `${p.city}, ${p.region}`;
}

/**
 * What a board hands the normalizer. `textOnly` copies carry no structured salary, no
 * work-mode marker and a plain "City, ST" location, so pay, work mode and remote states
 * must come from the description text.
 */
export function sampleRaw(p: SamplePosting, board: BoardKey, textOnly: boolean): RawPostingInput {
  const base: RawPostingInput = {
    externalId: `${board}-${p.id}`,
    title: p.title,
    description: p.descriptionHtml,
    employer: p.employer,
    url: `https://${board}.example.org/jobs/${encodeURIComponent(p.id)}`,
    postedAt: p.postedAt,
    closesAt: p.closesAt,
  };
  if (textOnly) return { ...base, location: `${p.city}, ${p.region}` };
  return {
    ...base,
    requisitionId: p.requisitionId,
    location: boardLocation(p),
    salary: p.salary && { min: p.salary.min, max: p.salary.max, currency: p.salary.currency, period: p.salary.period },
    department: p.department,
  };
}

/**
 * `count` generated postings placed on the sample boards. Every other posting is text-only;
 * a posting's second (feed) copy is always text-only, as feeds carry less structure.
 */
export function generatedSet(count: number, seed: number): GeneratedSet {
  const postings = generatePostings({ seed, count });
  const assignment = boardAssignment(postings, seed);
  const byId = new Map([...postings, ...assignment.reposts].map((p, i) => [p.id, { p, textOnly: i % 2 === 1 }]));
  const items: GeneratedSet['items'] = [];
  const copies: EvalCopy[] = [];
  for (const placement of assignment.placements) {
    const entry = byId.get(placement.postingId);
    if (!entry) continue;
    const { p, textOnly } = entry;
    placement.boards.forEach((board, n) => {
      const raw = sampleRaw(p, board, textOnly || n > 0);
      if (n === 0) items.push({ raw, label: sampleLabel(p), textOnly });
      copies.push({ id: `${board}:${p.id}`, jobKey: p.id, sourceKind: boardByKey(board).kind, externalId: `${board}-${p.id}`, requisitionId: n === 0 && !textOnly ? p.requisitionId : null, raw });
    });
  }
  return { items, copies };
}

/** labels.jsonl + raw/ of a real-postings folder (labels whose file is missing are skipped). */
export function loadRealPostings(dir: string): Array<{ raw: RawPostingInput; label: Label }> {
  const labels = readFileSync(join(dir, 'labels.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Label & { file: string });
  const files = new Set(readdirSync(join(dir, 'raw')));
  return labels.filter((l) => files.has(l.file)).map((label) => ({ raw: rawFromFixture(label.file, readFileSync(join(dir, 'raw', label.file), 'utf8')), label }));
}
