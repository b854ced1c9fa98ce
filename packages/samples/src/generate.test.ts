import { describe, expect, it } from 'vitest';
import { ROLE_IDS } from '@himatch/core';
import { generatePostings } from './generate.ts';
import { isCodingFamily } from './phrasing.ts';
import { CITIES, STATE_NAMES } from './cities.ts';
import type { SamplePosting, TruthCredentialGroup } from './types.ts';

const plain = (p: SamplePosting): string => p.descriptionHtml.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&');
const undotted = (text: string): string => text.replace(/R\.H\.I\.T\./g, 'RHIT').replace(/R\.H\.I\.A\./g, 'RHIA').replace(/C\.C\.S\./g, 'CCS');

function groupMentioned(text: string, group: TruthCredentialGroup): boolean {
  if (isCodingFamily(group)) return /AHIMA or AAPC/.test(text);
  const ids = group.anyOf.every((id) => text.includes(id === 'RN' ? 'RN license' : id));
  const eligible = !group.eligibleAccepted || /-eligible/.test(text);
  const within = group.withinMonths === null || text.includes(`within ${group.withinMonths} months`) || (group.withinMonths === 12 && text.includes('within one year'));
  return ids && eligible && within;
}

function salaryMentioned(text: string, p: SamplePosting): boolean {
  const s = p.salary;
  if (!s) return !/\$\d/.test(text);
  const tokens = s.period === 'hour'
    ? [s.max.toFixed(2), `$${Math.round(s.max)}/hour`]
    // "$87k" stands only for exactly 87,000: a rounded amount would not match the truth.
    : [s.max.toLocaleString('en-US'), ...(s.max % 1000 === 0 ? [`$${s.max / 1000}k`] : [])];
  return tokens.some((t) => text.includes(t));
}

describe('generatePostings', () => {
  const postings = generatePostings({ seed: 42, count: 400 });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generatePostings({ seed: 42, count: 400 })).toEqual(postings);
    const other = generatePostings({ seed: 43, count: 400 });
    expect(other.map((p) => p.title)).not.toEqual(postings.map((p) => p.title));
  });

  it('covers every core role once count reaches 200', () => {
    const small = generatePostings({ seed: 9, count: 200 });
    const roles = new Set(small.map((p) => p.truth.role).filter((r) => r !== null));
    expect([...roles].sort()).toEqual([...ROLE_IDS].sort());
  });

  it('honours the non-HIT share and gives non-HIT postings no role', () => {
    const nonHit = postings.filter((p) => !p.truth.isHit);
    expect(nonHit.length).toBe(100);
    expect(nonHit.every((p) => p.truth.role === null)).toBe(true);
    expect(new Set(nonHit.map((p) => p.title)).size).toBeGreaterThan(10);
  });

  it('uses unique ids and real city/state/ZIP rows', () => {
    expect(new Set(postings.map((p) => p.id)).size).toBe(postings.length);
    for (const p of postings) {
      expect(CITIES).toContainEqual({ city: p.city, region: p.region, postalCode: p.postalCode, lat: p.lat, lon: p.lon });
    }
  });

  it('writes every required and preferred credential group into the text', () => {
    for (const p of postings) {
      const text = undotted(plain(p));
      for (const group of [...p.truth.requiredCredentials, ...p.truth.preferredCredentials]) {
        expect(groupMentioned(text, group), `${p.id} ${JSON.stringify(group)}\n${text}`).toBe(true);
      }
    }
  });

  it('writes pay, place, education and federal conditions that agree with the truth', () => {
    for (const p of postings) {
      const text = plain(p);
      const t = p.truth;
      expect(salaryMentioned(text, p), `${p.id} pay\n${text}`).toBe(true);
      if (t.workMode === 'remote') expect(text).toMatch(/remote/i);
      if (t.workMode === 'hybrid') expect(text).toMatch(/hybrid|telework|two days a week/i);
      for (const region of t.remoteRegions.filter((r) => r !== 'US')) {
        expect(text.includes(region) || text.includes(STATE_NAMES[region] ?? '?')).toBe(true);
      }
      if (t.cahiimRequired) expect(text).toContain('CAHIIM-accredited');
      if (t.experienceSubstitutes) expect(text).toMatch(/equivalent|in lieu/);
      if (t.minYears !== null) expect(text).toMatch(new RegExp(`(\\b|\\()${t.minYears}(\\+|\\))? years?`));
      if (t.federal?.militaryMembershipRequired) expect(text).toContain('Air National Guard membership is required');
      if (t.federal) expect(text).toContain(`GS-${t.federal.series}`);
    }
  });

  it('includes the hard negatives and federal announcements the normalizer must tell apart', () => {
    const titles = postings.map((p) => p.title);
    expect(titles.some((t) => /Medical Records Technician \(Coder/.test(t))).toBe(true);
    expect(titles.some((t) => /Medical Records Technician \(ROI\)/.test(t))).toBe(true);
    expect(postings.some((p) => p.truth.federal?.title32 && p.truth.role === 'mil_health_admin_tech')).toBe(true);
    expect(postings.some((p) => !p.truth.isHit && /Billing|Receivable|Patient Account/.test(p.title))).toBe(true);
    expect(postings.some((p) => !p.truth.isHit && /Data Coder/.test(p.title))).toBe(true);
    const periods = new Set(postings.map((p) => p.salary?.period));
    expect(periods).toEqual(new Set(['hour', 'year', undefined]));
    expect(new Set(postings.map((p) => p.workMode))).toEqual(new Set(['onsite', 'hybrid', 'remote']));
  });
});
