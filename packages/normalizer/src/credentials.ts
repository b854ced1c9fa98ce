import { CODING_FAMILY, type CredentialGroup } from '@himatch/core';
import { cuesIn, strengthAt, type Sentence, type Strength } from './sections.ts';

// Credential groups from posting text: canonical ids, any-of alternatives, "eligible" and
// "within N months of hire" clauses, required vs preferred by sentence cue then section.

interface Mention {
  id: string;
  at: number;
  end: number;
  family?: boolean;
}

/** Full names first (longest first), then acronyms; each pattern maps to one canonical id. */
const NAME_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\bregistered health information technician\b/gi, 'RHIT'],
  [/\bregistered health information administrat(?:or|ion)\b/gi, 'RHIA'],
  [/\b(?:certified )?coding specialist(?: certificate| certification| credential)?\s*[-–—(]?\s*physician[- ]based\)?/gi, 'CCS-P'],
  [/\bcertified coding specialist\b|\bcoding specialist (?:certificate|certification|credential)\b/gi, 'CCS'],
  [/\bcertified coding associate\b|\bcoding associate (?:certificate|certification|credential)\b/gi, 'CCA'],
  [/\b(?:certified )?professional coder(?: certificate| certification)?\s*[-–—(]\s*apprentice\)?/gi, 'CPC-A'],
  [/\bcertified professional coder\b|\bprofessional coder (?:certificate|certification|credential)\b/gi, 'CPC'],
  [/\bcertified outpatient coder\b/gi, 'COC'],
  [/\bcertified inpatient coder\b/gi, 'CIC'],
  [/\bcertified risk adjustment coder\b/gi, 'CRC'],
  [/\bcertified professional biller\b/gi, 'CPB'],
  [/\b(?:certified )?professional medical auditor(?: certificate| certification)?\b/gi, 'CPMA'],
  [/\b(?:certified )?(?:clinical )?documentation improvement practitioner\b/gi, 'CDIP'],
  [/\bcertified clinical documentation specialist\s*[-–—(]?\s*outpatient\b/gi, 'CCDS-O'],
  [/\bcertified clinical documentation specialist\b/gi, 'CCDS'],
  [/\bcertified tumor registrar\b|\boncology data specialist\s*[-–—,]?\s*certified\b|\bcertified oncology data specialist\b/gi, 'ODS-C'],
  [/\bcertified health data analyst\b/gi, 'CHDA'],
  [/\bcertified in healthcare privacy (?:and|&) security\b/gi, 'CHPS'],
  [/\bcertified in healthcare privacy compliance\b/gi, 'CHPC'],
  [/\bregistered nurse\b/gi, 'RN'],
  [/\blicensed (?:practical|vocational) nurse\b/gi, 'LPN'],
  [/\bbasic life support\b/gi, 'BLS'],
];

/** Every full-name pattern contains one of these words: skip the name scan without them. */
const NAME_HINT = /registered|certified|coding|coder|auditor|practitioner|documentation|registrar|oncology|privacy|nurse|life support/i;

const ACRONYM = /\b(RHIT|RHIA|CCS[-–—\s]?P|CCSP|CCS|CCA|CDIP|CHDA|CHPS|CPHIMS|CAHIMS|CPHI|CHTS(?:-[A-Z]{2})?|CPC[-–—\s]?A|CPC\(A\)|CPC[-–—\s]?H|CPC[-–—\s]?P|CPC|COC[-–—\s]?A|COC|CIC|CRC|CPB|CPMA|CPCO|CDEO|CPPM|ODS[-–—\s]?C|ODS|CTR|CCDS[-–—\s]?O|CCDS|CHPC|RN|LPN|LVN|BLS)(?![A-Za-z0-9])(?![-–][A-Za-z]{3})/g;

/** Tokens that are HIM credentials only when HIM words sit nearby. */
const AMBIGUOUS = new Set(['CCA', 'CTR', 'CHTS', 'CPC', 'ODS', 'CRC', 'COC', 'CIC', 'BLS']);
const HIM_CONTEXT = /cod(?:ing|er|es)|ahima|aapc|certif|credential|rhit|rhia|registry|registrar|cancer|tumor|oncology|health information|medical record|him\b|cpr|life support|heart association|\bacls\b|exam|\b(?:ccs|rhit|rhia|cdip|ccds|cpma|cpb)\b/i;

/** "Current BLS in good standing": a card held, not the Bureau of Labor Statistics. */
const LICENSE_CUE = /\b(?:current|valid|active|required|card|certified|in good standing|upon hire|preferred|a plus|must (?:hold|have|obtain))\b/i;

function canonicalAcronym(token: string): string {
  const t = token.toUpperCase().replace(/[-–—\s()]/g, '');
  switch (t) {
    case 'CCSP': return 'CCS-P';
    case 'CPCA': return 'CPC-A';
    case 'CPCH': return 'COC';
    case 'CPCP': return 'CPC-P';
    case 'COCA': return 'COC-A';
    case 'ODSC': case 'ODS': case 'CTR': return 'ODS-C';
    case 'CCDSO': return 'CCDS-O';
    case 'LVN': return 'LPN';
    default: return t.startsWith('CHTS') ? 'CHTS' : t;
  }
}

const FAMILY = /\b(?:ahima (?:and|or|and\/or|\/) ?aapc|aapc (?:and|or|and\/or|\/) ?ahima|ahima|aapc)\b[^.;]{0,60}?\b(?:coding )?(?:certif\w*|credential\w*)|\bnationally recognized (?:medical )?coding (?:certif\w*|credential\w*)|\b(?:medical |professional )?coding(?: experience)?(?: and\/or| or)? (?:certification|credential)s?\b|\bcertified (?:medical |professional )?coder\b/gi;
/** Cheap pre-check: most sentences name no credential, so skip the full scan for them. */
const MAYBE_CREDENTIAL = /[A-Z]\.?[A-Z]|registered|certifi|coding|coder|nurse|life support|documentation|auditor|credential|registr|oncology|privacy|data analyst/i;
const NEGATED = /\b(?:not required|no (?:certification|credential)s? (?:is |are )?(?:required|needed)|not necessary)\b/;

/** "R.H.I.T." → "RHIT" so the acronym scan sees one token. */
export function collapseDottedAcronyms(s: string): string {
  return s.replace(/\b(?:[A-Z]\.){2,5}(?![A-Za-z])/g, (m) => m.replace(/\./g, ''));
}

function findMentions(text: string, himDocument: boolean): Mention[] {
  const found: Mention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  for (const [re, id] of NAME_HINT.test(text) ? NAME_PATTERNS : []) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!free(m.index, end)) continue;
      found.push({ id, at: m.index, end });
      taken.push([m.index, end]);
    }
  }
  for (const m of text.matchAll(ACRONYM)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const raw = m[1]!.replace(/[-–—\s()]/g, '');
    if (AMBIGUOUS.has(raw) && !himDocument) {
      const ctx = text.slice(Math.max(0, m.index - 150), end + 150).replace(m[0], ' ');
      if (!HIM_CONTEXT.test(ctx) && !(raw === 'BLS' && LICENSE_CUE.test(ctx))) continue;
    }
    found.push({ id: canonicalAcronym(m[1]!), at: m.index, end });
    taken.push([m.index, end]);
  }
  for (const m of text.matchAll(FAMILY)) {
    const end = m.index + m[0].length;
    // "led to eligibility for coding certification" describes a program, not a requirement;
    // "an AHIMA-approved coding certificate program" is education.
    if (/\b(?:eligib\w* for|prepar\w* (?:for|students)|led to|leading to|toward)\s*$/i.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    if (/certificate$/i.test(m[0]) && /^\s*(?:program|course|curriculum|training)/i.test(text.slice(end, end + 20))) continue;
    if (free(m.index, end)) found.push({ id: 'CODING_FAMILY', at: m.index, end, family: true });
  }
  return found.sort((a, b) => a.at - b.at);
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, nine: 9, twelve: 12, eighteen: 18, twenty: 20, 'twenty-four': 24 };
const WITHIN = /\bwithin (?:the first )?(\d{1,2}|one|two|three|six|nine|twelve|eighteen|twenty-four|a) ?(?:\(\d{1,2}\) )?(months?|years?)\b/;

export function withinMonthsOf(lower: string): number | null {
  const m = WITHIN.exec(lower);
  if (!m) return null;
  const n = m[1] === 'a' ? 1 : (NUMBER_WORDS[m[1]!] ?? Number(m[1]));
  const months = m[2]!.startsWith('year') ? n * 12 : n;
  return Number.isInteger(months) && months > 0 && months <= 60 ? months : null;
}

// "clinical experience such as RN" is experience, not a license requirement.
const NURSE = new Set(['RN', 'LPN']);
const NURSE_CUE = /licen[sc]|required|must|current|active|registered nurse|practical nurse|prefer|valid|upon hire/;

const HIM_DOCUMENT = /\bcoding\b|\bcoders?\b|\bcpt\b|\bdiagnosis codes\b|\bahima\b|\baapc\b|\bhealth information\b|\bmedical records?\b|\bcancer registry\b|\bicd-?10\b/;

/** "coding credential (CPC, CCS, or COC)", "coding credential required (CPC, CCS)": the list that follows names the family exactly. */
function dropFamilyBeforeList(text: string, mentions: Mention[]): Mention[] {
  return mentions.filter((m, i) => {
    const next = mentions[i + 1];
    return !(m.family && next && !next.family && /^\s*(?:(?:is |are )?(?:required|preferred|needed|a plus)\s*)?(?:\(|:|such as|e\.g\.,?|including)\s*$/i.test(text.slice(m.end, next.at)));
  });
}

const ELIGIBLE = /\beligib(?:le|ility)\b/;

/** Consecutive mentions belong to one any-of group unless "and" (not "and/or") separates them. */
function groupMentions(text: string, mentions: Mention[]): Mention[][] {
  const groups: Mention[][] = [];
  let current: Mention[] = [];
  for (const m of mentions) {
    const prev = current[current.length - 1];
    if (prev) {
      const gap = text.slice(prev.end, m.at).toLowerCase();
      const splits = /\band\b(?!\s*\/\s*or)|\bplus\b|\balso\b/.test(gap) && !/\bor\b|\//.test(gap.replace(/and\s*\/\s*or/g, ''));
      if (splits || gap.length > 160) {
        groups.push(current);
        current = [];
      }
    }
    current.push(m);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface CredentialResult {
  required: CredentialGroup[];
  preferred: CredentialGroup[];
}

function toGroup(sentence: Sentence, group: Mention[]): CredentialGroup {
  const ids: string[] = [];
  for (const m of group) {
    for (const id of m.family ? CODING_FAMILY : [m.id]) if (!ids.includes(id)) ids.push(id);
  }
  const lower = sentence.lower;
  return {
    anyOf: ids,
    eligibleAccepted: ELIGIBLE.test(lower) && !/\beligib\w* (?:to|for) (?:work|employment|rehire|benefits)\b/.test(lower),
    withinMonths: withinMonthsOf(lower),
    evidence: sentence.text.slice(0, 300),
  };
}

/** `hitPosting`: the relevance decision found HIT work, so ambiguous acronyms mean the credentials. */
export function extractCredentials(sentences: Sentence[], title: string, hitPosting = false): CredentialResult {
  const out: CredentialResult = { required: [], preferred: [] };
  // In a posting about coding or health records, "CPC" and "CTR" mean the credentials.
  const himDocument = hitPosting || HIM_DOCUMENT.test(title.toLowerCase()) || sentences.some((s) => HIM_DOCUMENT.test(s.lower));
  for (const s of sentences) {
    if (s.section === 'benefits' || s.section === 'about') continue;
    if (!MAYBE_CREDENTIAL.test(s.text)) continue;
    const text = collapseDottedAcronyms(s.text);
    if (NEGATED.test(s.lower)) continue;
    const mentions = dropFamilyBeforeList(text, findMentions(text, himDocument));
    if (mentions.length === 0) continue;
    const cues = cuesIn(s.lower);
    const explicit = cues.length > 0 || /certif|credential|licen[sc]|registered|registry|eligible/i.test(text);
    if (s.section === 'duties' && !explicit) continue;
    const kept = mentions.filter((m) => !NURSE.has(m.id) || NURSE_CUE.test(s.lower.slice(Math.max(0, m.at - 40), m.end + 40)));
    for (const group of groupMentions(text, kept)) {
      const strength: Strength = strengthAt(s, group[0]!.at, cues) ?? 'required';
      addGroup(out[strength], toGroup(s, group));
    }
  }
  registryEligible(sentences, out);
  if (out.required.length === 0 && /\bcertified\b[^,]{0,30}\bcoder\b/i.test(title)) {
    addGroup(out.required, { anyOf: [...CODING_FAMILY], eligibleAccepted: false, withinMonths: null, evidence: title });
  }
  foldApprentices(out);
  // A credential both required and preferred is required.
  const requiredIds = new Set(out.required.flatMap((g) => g.anyOf));
  out.preferred = out.preferred.filter((g) => !g.anyOf.every((id) => requiredIds.has(id)));
  return out;
}

const APPRENTICE_OF: Record<string, string> = { 'CPC-A': 'CPC', 'COC-A': 'COC' };

/**
 * "CPC required; CPC-A acceptable": a group of apprentice credentials alone, said apart from
 * its full credential, widens that credential's required group instead of adding a second one.
 */
function foldApprentices(out: CredentialResult): void {
  const isApprenticeOnly = (g: CredentialGroup): boolean => g.anyOf.every((id) => id in APPRENTICE_OF);
  for (const list of [out.required, out.preferred]) {
    for (const g of [...list]) {
      if (!isApprenticeOnly(g)) continue;
      const parents = g.anyOf.map((id) => APPRENTICE_OF[id]!);
      const host = out.required.find((h) => h !== g && !isApprenticeOnly(h) && parents.some((p) => h.anyOf.includes(p)));
      if (!host) continue;
      for (const id of g.anyOf) if (!host.anyOf.includes(id)) host.anyOf.push(id);
      list.splice(list.indexOf(g), 1);
    }
  }
}

/** "Registry eligible" with no named credential means the cancer registry credential. */
function registryEligible(sentences: Sentence[], out: CredentialResult): void {
  for (const s of sentences) {
    if (!/\bregistry[- ]eligible\b/.test(s.lower)) continue;
    if (out.required.concat(out.preferred).some((g) => g.anyOf.includes('ODS-C'))) return;
    const strength = strengthAt(s, s.lower.indexOf('registry'), cuesIn(s.lower)) ?? 'required';
    out[strength].push({ anyOf: ['ODS-C'], eligibleAccepted: true, withinMonths: withinMonthsOf(s.lower), evidence: s.text.slice(0, 300) });
    return;
  }
}

/** Merge a group into a list: the same id set once; a group inside a wider one from the same sentence folds in. */
function addGroup(list: CredentialGroup[], g: CredentialGroup): void {
  const key = [...g.anyOf].sort().join('|');
  const same = list.find((x) => [...x.anyOf].sort().join('|') === key);
  if (same) {
    same.eligibleAccepted ||= g.eligibleAccepted;
    same.withinMonths ??= g.withinMonths;
    return;
  }
  list.push(g);
}
