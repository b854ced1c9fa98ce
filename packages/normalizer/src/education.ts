import type { MinEducationLevel } from '@himatch/core';
import { cuesIn, strengthAt, type Sentence } from './sections.ts';

// Minimum education, its fields, CAHIIM, substitutions; minimum years and specialties of
// experience. Only qualification-like sentences count (not duties, benefits or "about us").

/** 30+ credit hours is a year of college; "12 semester hours in HIM" only qualifies a degree. */
const COLLEGE_YEAR = String.raw`(?:[3-9]\d|1\d\d)`;

const LEVELS: ReadonlyArray<[RegExp, Exclude<MinEducationLevel, 'unknown' | 'none'>]> = [
  [/\b(?:doctoral degree|doctorate|ph\.?d\.?)\b/, 'doctorate'],
  [/\bmaster'?s?(?=[^.;]{0,40}\bdegree)|\bmaster of\b|\bm\.?b\.?a\.?\b|\bmha\b/, 'master'],
  [/\bbachelor'?s?\b|\bbaccalaureate\b|\b(?:4|four)[- ]year (?:college )?degree\b|\bb\.?s\.? degree\b|\bba\/bs\b|\bbs\/ba\b/, 'bachelor'],
  [/\bassociate'?s?(?=[^.;]{0,40}\bdegree)|\bassociates? of (?:applied )?(?:science|arts)\b|\ba\.?a\.?s\.?\b(?= (?:degree|in))|\b(?:2|two)[- ]year (?:college )?degree\b/, 'associate'],
  [/\b(?:two|2) years (?:above high school|of college)\b/, 'associate'],
  [new RegExp(String.raw`\bsome college\b|\bcollege (?:course ?work|courses)\b|\b${COLLEGE_YEAR} (?:(?:semester|quarter|college) (?:credit )?|credit )(?:hours|credits|units)\b|\b${COLLEGE_YEAR} (?:college )?credits\b`), 'some_college'],
  [/\b(?:coding|training|certificate|diploma|vocational) program\b|\bcertificate in (?:medical )?(?:coding|billing|health)|\bpost-?secondary (?:certificate|training|education)\b|\bcoding (?:certificate|diploma)\b/, 'postsecondary_certificate'],
  [/(?<!(?:above|beyond|after|past) )\bhigh school\b|\bged\b|\bh\.?s\.? diploma\b|\bsecondary school\b/, 'high_school'],
];
const ORDER: MinEducationLevel[] = ['none', 'high_school', 'postsecondary_certificate', 'some_college', 'associate', 'bachelor', 'master', 'doctorate'];

const FIELDS: ReadonlyArray<[RegExp, string]> = [
  [/health information management|\bhim\b|health information administration|medical record administration/, 'him'],
  [/health information technology|\bhit\b/, 'hit'],
  [/health informatics|informatics/, 'health_informatics'],
  [/\bcoding\b|\bcoder\b/, 'coding'],
  [/cancer registry|tumor registry|oncology data/, 'cancer_registry'],
  [/\bnursing\b/, 'nursing'],
  [/related (?:field|area|discipline|degree)|relevant field/, 'related'],
];

const SUBSTITUTE = /or (?:an? )?equivalent (?:combination of )?(?:education and |relevant |work |professional )?(?:experience|training)|in lieu of|equivalent combinations?|may (?:be )?substitute|may be substituted|experience\/education combination|or \d+\+? years? of (?:relevant |related |equivalent |\w+ )?experience/;

// Duties sections are kept: flattened postings often put requirements after a duties heading.
const QUALIFYING = new Set(['required', 'preferred', 'unknown', 'duties']);

export interface EducationResult {
  minLevel: MinEducationLevel;
  fields: string[];
  cahiimRequired: boolean;
  experienceSubstitutes: boolean;
}

export function extractEducation(sentences: Sentence[], hint: string | null): EducationResult {
  let min: number | null = null;
  const fields: string[] = [];
  let cahiim = false;
  let substitutes = false;
  let combinationLine = -1;
  for (const s of sentences) {
    if (!QUALIFYING.has(s.section)) continue;
    // Federal "equivalent combinations of experience and education" list partial schooling
    // that only counts with experience: not a degree floor.
    if (s.line === combinationLine) continue;
    if (/\bcombinations? of\b|\beducation(?:\/| and )experience combination|experience(?:\/| and )education combination/.test(s.lower)) {
      combinationLine = s.line;
      substitutes = true;
    }
    if (!/degree|diploma|graduat|education|ged|program|college|school|bachelor|associate|master|doctor|baccalaureate|certificate/.test(s.lower)) continue;
    const levels = LEVELS.filter(([re]) => re.test(s.lower));
    if (levels.length === 0) continue;
    const cues = cuesIn(s.lower);
    for (const [re, level] of levels) {
      const at = s.lower.search(re);
      if (strengthAt(s, at, cues) === 'preferred') continue;
      const rank = ORDER.indexOf(level);
      min = min === null ? rank : Math.min(min, rank);
    }
    for (const [re, field] of FIELDS) if (re.test(s.lower) && !fields.includes(field)) fields.push(field);
    if (/\bcahiim\b/.test(s.lower)) cahiim = true;
    if (SUBSTITUTE.test(s.lower)) substitutes = true;
  }
  if (!substitutes) substitutes = sentences.some((s) => QUALIFYING.has(s.section) && /\bin lieu of\b|equivalent combinations? of/.test(s.lower));
  // Federal qualification text lists experience and education as capitalised "OR" alternatives.
  // "must reside in NC, OR, or GA" names Oregon.
  if (!substitutes && min !== null) substitutes = sentences.some((s) => /(?:^|[.;,]\s*)OR[,:]?(?:\s|$)/.test(s.text.replace(/\b[A-Z]{2}, OR\b/g, ''))) && sentences.some((s) => /\bexperience\b/.test(s.lower) && /\b(?:one|two|three|\d) years?\b/.test(s.lower));
  if (min === null && hint) min = levelFromHint(hint.toLowerCase());
  return { minLevel: min === null ? 'unknown' : ORDER[min]!, fields, cahiimRequired: cahiim, experienceSubstitutes: substitutes };
}

function levelFromHint(hint: string): number | null {
  for (const [re, level] of LEVELS) if (re.test(hint)) return ORDER.indexOf(level);
  return null;
}

const NUM: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, eighteen: 18 };
const YEARS = /\b(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)\+?(?: ?\(\d{1,2}\+?\))?(?: ?(?:-|–|to) ?\d{1,2})?\+?(?: or more| plus)? ?(years?|yrs?|months?)\b(?!\s+(?:of age|old))/g;
const EXPERIENCE_AFTER = /^[^.;]{0,80}?\bexperience\b/;
const EXPERIENCE_BEFORE = /\bexperience\b[^.;]{0,40}$/;

/** The first stated minimum in qualification sentences ("2+ years", "two (2) years", "minimum of 3 years"). */
export function extractMinYears(sentences: Sentence[]): number | null {
  for (const s of sentences) {
    if (!QUALIFYING.has(s.section)) continue;
    for (const m of s.lower.matchAll(YEARS)) {
      const after = s.lower.slice(m.index + m[0].length, m.index + m[0].length + 100);
      const before = s.lower.slice(Math.max(0, m.index - 50), m.index);
      if (!EXPERIENCE_AFTER.test(after) && !EXPERIENCE_BEFORE.test(before)) continue;
      if (/\b(?:within|after|every|for the (?:past|last)|over the (?:past|last)|last)\s*$/.test(before) || /^\s*ago\b/.test(after)) continue;
      const n = NUM[m[1]!] ?? Number(m[1]);
      const years = m[2]!.startsWith('m') ? Math.round((n / 12) * 100) / 100 : n;
      if (Number.isFinite(years) && years >= 0 && years <= 15) return years;
    }
  }
  return sentences.some((s) => /\bno (?:previous |prior )?(?:work )?experience (?:is )?(?:required|necessary|needed)\b/.test(s.lower)) ? 0 : null;
}

const SPECIALTIES: ReadonlyArray<[RegExp, string]> = [
  [/outpatient surg|same[- ]day surgery|ambulatory surg|\basc\b/, 'outpatient_surgical_coding'],
  [/\binpatient\b/, 'inpatient_coding'],
  [/pro(?:fessional)?[- ]fee|physician[- ]based|\be\/m\b|evaluation and management/, 'profee_coding'],
  [/emergency (?:department|room)|\bed coding\b|\bed\/|\ber coding/, 'ed_coding'],
  [/\boutpatient\b(?! surg)/, 'outpatient_coding'],
  [/risk adjustment|\bhcc\b/, 'risk_adjustment_coding'],
  [/clinical documentation|\bcdi\b/, 'cdi'],
  [/release of information|\broi\b/, 'roi'],
  [/cancer registry|tumor registry|oncology/, 'cancer_registry'],
  [/\baudit/, 'coding_audit'],
  [/\bcoding\b/, 'coding'],
  [/health information|medical records?|\bhim\b/, 'him'],
];

export function extractSpecialties(sentences: Sentence[]): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    if (!QUALIFYING.has(s.section) || !/\bexperience\b/.test(s.lower)) continue;
    if (!/\b(?:\d{1,2}|one|two|three|four|five|six)\+?(?: ?\(\d\))? (?:years?|months?)\b|\bexperience (?:in|with)\b/.test(s.lower)) continue;
    for (const [re, id] of SPECIALTIES) if (re.test(s.lower) && !out.includes(id)) out.push(id);
  }
  return out;
}
