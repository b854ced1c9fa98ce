import { createHash } from 'node:crypto';
import type { Listing } from '@himatch/core';

// Duplicate detection: stable ids first (requisition id + employer, apply URL), then
// near-duplicate text (title + employer + place + MinHash of word shingles). A staffing
// agency's copy of a posting is a different listing, not a duplicate.

const NUM_HASHES = 32;
const SHINGLE = 4;

function norm(s: string | null | undefined): string {
  return (s ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const TITLE_NOISE = /\b(?:remote|hybrid|full time|part time|prn|per diem|urgent|hiring|now|new|job|position|opening|immediate|i{1,3}|iv|\d+)\b/g;
export function normalizeTitle(title: string): string {
  return norm(title).replace(TITLE_NOISE, ' ').replace(/\s+/g, ' ').trim();
}

const EMPLOYER_NOISE = /\b(?:inc|llc|ltd|corp|corporation|co|company|the|of|group|pc|pllc|lp)\b/g;
export function normalizeEmployer(employer: string | null): string {
  return norm(employer).replace(EMPLOYER_NOISE, ' ').replace(/\s+/g, ' ').trim();
}

/** A remote job's place is where it may be done: boards show it as "Remote - US" or as the employer's city. */
function placeKey(l: Pick<Listing, 'locations' | 'workMode'>): string {
  if (l.workMode === 'remote') return 'remote';
  const first = l.locations[0];
  if (!first) return '';
  return norm(`${first.city ?? ''} ${first.region ?? ''}`);
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
}

// The last text's full signature: normalizing a posting takes its fingerprint's 4 hashes and
// then its same-job document's 32 from one description, and hash k does not depend on how many
// are asked for, so the words are split and shingled once.
let lastText: string | null = null;
let lastSignature: number[] = [];

/** MinHash signature of the 4-word shingles of a text (first 3,000 words: bounded work). */
export function minhash(text: string, numHashes = NUM_HASHES): number[] {
  if (numHashes <= NUM_HASHES) {
    if (text !== lastText) {
      lastSignature = computeMinhash(text, NUM_HASHES);
      lastText = text;
    }
    return lastSignature.slice(0, numHashes);
  }
  return computeMinhash(text, numHashes);
}

function computeMinhash(text: string, numHashes: number): number[] {
  const words = text.slice(0, 30_000).toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0).slice(0, 3000);
  const sig = new Array<number>(numHashes).fill(0xffffffff);
  // Shingle hashes are mixed from word hashes: no shingle strings are built.
  const wordHashes = words.map((w) => hash32(w, 0));
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE <= Math.max(wordHashes.length, SHINGLE); i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE; j++) h = Math.imul(h ^ (wordHashes[j] ?? 0), 0x01000193) >>> 0;
    shingles.add(h);
  }
  for (const sh of shingles) {
    const base = mix(sh);
    const second = mix(sh ^ 0x9e3779b9) | 1;
    for (let k = 0; k < numHashes; k++) {
      const v = (base + Math.imul(k, second)) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

export function similarity(a: number[], b: number[]): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Stable near-duplicate key: normalized title + employer + place + a coarse body hash. */
export function fingerprintOf(l: Pick<Listing, 'title' | 'employer' | 'locations' | 'workMode' | 'descriptionText'>): string {
  const body = minhash(l.descriptionText, 4).map((n) => n.toString(36)).join('.');
  return sha([normalizeTitle(l.title), normalizeEmployer(l.employer), placeKey(l), body].join('|'));
}

export interface DuplicateSource {
  sourceKind: string;
  externalId: string | null;
  requisitionId?: string | null;
}

/** Keys under which two listings of one job meet: any shared key makes them candidates. */
export function duplicateKeys(listing: Listing, source: DuplicateSource): string[] {
  const keys = [`fp:${listing.fingerprint}`];
  const employer = normalizeEmployer(listing.employer);
  const req = source.requisitionId ?? listing.requisitionId;
  if (req && employer) keys.push(`req:${employer}:${norm(req)}`);
  for (const url of listing.applyUrls) keys.push(`apply:${canonicalUrl(url)}`);
  if (source.externalId) keys.push(`ext:${source.sourceKind}:${source.externalId}`);
  keys.push(`tep:${sha(`${normalizeTitle(listing.title)}|${employer}|${placeKey(listing)}`)}`);
  return keys;
}

function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const p of [...u.searchParams.keys()]) if (/^(?:utm_|source|src|ref|gh_src|trk)/i.test(p)) u.searchParams.delete(p);
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/$/, '')}${u.search}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

const AGENCY = /\bour client\b|\bstaffing\b|\brecruit(?:ing|ment) (?:firm|agency)\b|\bon behalf of (?:our|a) client\b|\bplacement\b/;

export function isAgencyCopy(l: Listing): boolean {
  return AGENCY.test(l.descriptionText.slice(0, 20_000).toLowerCase()) || AGENCY.test(norm(l.employer));
}

const close = (x: number | null, y: number | null) => x === null || y === null || Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y));

/** Both postings state pay for the same period and a bound differs by more than 1%. */
function differentPay(a: SameJobDoc['salary'], b: SameJobDoc['salary']): boolean {
  if (!a || !b || a.period !== b.period || a.currency !== b.currency) return false;
  return !close(a.min, b.min) || !close(a.max, b.max);
}

/** Copies of one posting on several boards appear within days of each other; a later one is a repost. */
const REPOST_DAYS = 30;

function daysApart(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000 || 0;
}

/**
 * What the same-job test reads of a listing, already normalized: a few hundred bytes instead
 * of the whole listing, so the normalizer stores it beside each listing and compares a new
 * posting with its candidate clusters without reading their documents or hashing their text.
 */
export interface SameJobDoc {
  /** Normalized employer ('' when none). */
  employer: string;
  /** Normalized requisition id, or null. */
  requisitionId: string | null;
  /** Apply links without tracking parameters. */
  applyUrls: string[];
  /** The text reads like a staffing agency's copy. */
  agency: boolean;
  title: string;
  place: string;
  salary: { min: number | null; max: number | null; period: string; currency: string } | null;
  postedAt: string | null;
  /** Federal grade range, when the posting states one. */
  grades: { low: number; high: number | null } | null;
  /** MinHash of the description's word shingles. */
  signature: number[];
}

const docs = new WeakMap<Listing, SameJobDoc>();

/** The same-job document of a listing (computed once per listing object: clustering compares one listing many times). */
export function sameJobDoc(l: Listing): SameJobDoc {
  let doc = docs.get(l);
  if (!doc) {
    doc = {
      employer: normalizeEmployer(l.employer),
      requisitionId: l.requisitionId ? norm(l.requisitionId) : null,
      applyUrls: l.applyUrls.map(canonicalUrl),
      agency: isAgencyCopy(l),
      title: normalizeTitle(l.title),
      place: placeKey(l),
      salary: l.salary ? { min: l.salary.min, max: l.salary.max, period: l.salary.period, currency: l.salary.currency } : null,
      postedAt: l.postedAt,
      grades: l.federal && l.federal.gradeLow !== null ? { low: l.federal.gradeLow, high: l.federal.gradeHigh } : null,
      signature: minhash(l.descriptionText),
    };
    docs.set(l, doc);
  }
  return doc;
}

export interface SameJob {
  same: boolean;
  reason: string;
}

export function areSameJob(a: Listing, b: Listing): SameJob {
  return compareJobs(sameJobDoc(a), sameJobDoc(b));
}

/** The same-job test on two listings' same-job documents. */
export function compareJobs(a: SameJobDoc, b: SameJobDoc): SameJob {
  if (a.requisitionId && b.requisitionId && a.employer && a.employer === b.employer) {
    return a.requisitionId === b.requisitionId ? { same: true, reason: 'same requisition id and employer' } : { same: false, reason: 'different requisition ids at one employer' };
  }
  const applyA = new Set(a.applyUrls);
  if (b.applyUrls.some((u) => applyA.has(u))) return { same: true, reason: 'same apply URL' };
  if (a.employer !== b.employer && a.employer && b.employer) {
    if (a.agency !== b.agency) return { same: false, reason: 'staffing-agency copy of another employer\'s posting' };
    return { same: false, reason: 'different employers' };
  }
  if (a.title !== b.title) return { same: false, reason: 'different titles' };
  if (a.place !== b.place) return { same: false, reason: 'different places' };
  // Boilerplate-heavy postings (federal announcements, templated ATS text) of different jobs
  // read alike; pay and grade still tell them apart.
  if (differentPay(a.salary, b.salary)) return { same: false, reason: 'same title, employer and place but different pay' };
  if (daysApart(a.postedAt, b.postedAt) > REPOST_DAYS) return { same: false, reason: `posted more than ${REPOST_DAYS} days apart: a repost, not the same posting` };
  if (a.grades && b.grades && (a.grades.low !== b.grades.low || a.grades.high !== b.grades.high)) {
    return { same: false, reason: 'same title, employer and place but different grades' };
  }
  const sim = similarity(a.signature, b.signature);
  if (sim >= 0.7) return { same: true, reason: `near-duplicate text (similarity ${sim.toFixed(2)})` };
  return { same: false, reason: `same title, employer and place but different text (similarity ${sim.toFixed(2)})` };
}

/** Distinct jobs compared per shared key: a generic key ("Medical Coder" at one employer) stays linear. */
const MAX_GROUPS_PER_KEY = 24;

export interface ClusterItem {
  id: string;
  listing: Listing;
  sourceKind: string;
  externalId: string | null;
  requisitionId: string | null;
}

/** Groups of ids of one job; singletons included. Candidate pairs come from shared keys. */
export function clusterListings(items: ClusterItem[]): string[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (i: number, j: number): true => {
    parent[find(j)] = find(i);
    return true;
  };
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const key of duplicateKeys(item.listing, item)) {
      const list = byKey.get(key) ?? [];
      list.push(i);
      byKey.set(key, list);
    }
  });
  // Within a key, each item is compared with one representative of every group met so far
  // (bounded), so two copies of one job meet even when an unrelated job holds the key first.
  for (const members of byKey.values()) {
    const reps: number[] = [];
    for (const j of members) {
      const joined = reps.some((i) => find(i) === find(j) || (areSameJob(items[i]!.listing, items[j]!.listing).same && union(i, j)));
      if (!joined && reps.length < MAX_GROUPS_PER_KEY) reps.push(j);
    }
  }
  const groups = new Map<number, string[]>();
  items.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item.id]);
  });
  return [...groups.values()];
}
