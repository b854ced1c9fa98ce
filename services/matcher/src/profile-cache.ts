import type { CandidateProfile } from '@himatch/core';
import type { Repositories } from '@himatch/db';
import { buildProfileIndex, type ProfileIndex } from '@himatch/matcher';

export interface ProfileSet {
  profiles: { candidateId: string; profile: CandidateProfile }[];
  index: ProfileIndex;
}

/**
 * Saved profiles and their match index, rebuilt at most every ttlMs: reverse matching a burst
 * of new listings reuses one index instead of reading every profile per listing.
 */
export function createProfileCache(repos: Repositories, ttlMs: number): () => Promise<ProfileSet> {
  let cached: { at: number; set: ProfileSet } | null = null;
  let loading: Promise<ProfileSet> | null = null;
  const load = async (): Promise<ProfileSet> => {
    const profiles: ProfileSet['profiles'] = [];
    let after: string | undefined;
    for (;;) {
      const page = await repos.candidates.listForMatching(5000, after);
      for (const row of page) profiles.push({ candidateId: row.id, profile: row.profile });
      if (page.length < 5000) break;
      after = page[page.length - 1]?.id;
    }
    return { profiles, index: buildProfileIndex(profiles) };
  };
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.set;
    loading ??= load().finally(() => (loading = null));
    const set = await loading;
    cached = { at: Date.now(), set };
    return set;
  };
}
