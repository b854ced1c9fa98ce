import type { CandidateProfile } from '@himatch/core';
import type { Repositories } from '@himatch/db';
import { buildProfileIndex, parseSavedSearch, type ProfileIndex, type SavedSearchQuery } from '@himatch/matcher';

export interface OwnedSearch { id: string; candidateId: string; query: SavedSearchQuery }

export interface ProfileSet {
  profiles: { candidateId: string; profile: CandidateProfile }[];
  byCandidate: ReadonlyMap<string, CandidateProfile>;
  index: ProfileIndex;
  /** Saved searches that belong to a candidate (they alert that candidate). */
  searches: OwnedSearch[];
}

const PAGE = 5000;

async function loadSearches(repos: Repositories): Promise<OwnedSearch[]> {
  const out: OwnedSearch[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await repos.savedSearches.listWithCandidate(PAGE, after);
    for (const row of page) if (row.candidateId) out.push({ id: row.id, candidateId: row.candidateId, query: parseSavedSearch(row.query) });
    if (page.length < PAGE) return out;
    after = page[page.length - 1]?.id;
  }
}

/**
 * Saved profiles, their match index and the saved searches, rebuilt at most every ttlMs:
 * reverse matching a burst of new listings reuses one index instead of reading every
 * profile per listing.
 */
export function createProfileCache(repos: Repositories, ttlMs: number): () => Promise<ProfileSet> {
  let cached: { at: number; set: ProfileSet } | null = null;
  let loading: Promise<ProfileSet> | null = null;
  const load = async (): Promise<ProfileSet> => {
    const profiles: ProfileSet['profiles'] = [];
    let after: string | undefined;
    for (;;) {
      const page = await repos.candidates.listForMatching(PAGE, after);
      for (const row of page) profiles.push({ candidateId: row.id, profile: row.profile });
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.id;
    }
    const byCandidate = new Map(profiles.map((p) => [p.candidateId, p.profile]));
    return { profiles, byCandidate, index: buildProfileIndex(profiles), searches: await loadSearches(repos) };
  };
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.set;
    loading ??= load().finally(() => (loading = null));
    const set = await loading;
    cached = { at: Date.now(), set };
    return set;
  };
}
