import type { EmploymentType, Federal, RawFederal, Setting, WhoMayApply } from '@himatch/core';

// Employment type, shift, setting, federal details and skills vocabulary.

/** "Schedule: Contract", "Job type: Temporary": a labelled field that names the type alone. */
const TYPE_LABEL = String.raw`\b(?:schedule|job type|employment type|position type|work type|type of employment|employment status|job status|status|appointment type)\s*:\s*`;

/**
 * After "full-time" / "part-time": the phrase describes people, not this job ("full-time
 * employees", "all full-time permanent, indefinite and temporary personnel" in a federal area of
 * consideration), so it names no employment type.
 */
const OF_PEOPLE = String.raw`(?!(?:[ ,/]+(?:and|or|permanent|indefinite|temporary|term|seasonal|federal|state|part[- ]?time|full[- ]?time))*[ ,/]+(?:employees?|staff|personnel)\b)`;

const EMPLOYMENT: ReadonlyArray<[RegExp, EmploymentType]> = [
  [new RegExp(String.raw`(?<!current\/?(?:permanent )?)\bfull[- ]?time\b${OF_PEOPLE}|\bfte:? 1\.0\b`), 'full_time'],
  [new RegExp(String.raw`\bpart[- ]?time\b${OF_PEOPLE}`), 'part_time'],
  [/\bprn\b|\bper[- ]diem\b(?! (?:rate|allowance))/, 'per_diem'],
  [new RegExp(String.raw`\bcontract (?:position|role|assignment|basis|job|opportunity|to hire|employee)\b|\bcontractor (?:position|role)\b|\b\d{1,2}[- ]month contract\b|\b1099\b|\bc2c\b|\bcorp[- ]to[- ]corp\b|^contract$|${TYPE_LABEL}contract(?:or)?\b|\bcontract\s*\(\d{1,3}[- ](?:days?|weeks?|months?)\)|\b\d{1,3}[- ]week contract\b`), 'contract'],
  [new RegExp(String.raw`\btemporary (?:position|assignment|appointment|role|job|employment|full|part)\b|(?<!perm\/)\btemp\b(?!\/)|\bseasonal (?:position|role|job|employment|work)\b|\btemp[- ]to[- ]hire\b|^temporary$|${TYPE_LABEL}temp(?:orary)?\b|\btemporary\s*\(\d{1,3}[- ](?:days?|weeks?|months?)\)`), 'temporary'],
  [/\binternship\b|\bintern\b|\bpracticum\b/, 'internship'],
];

/** The earliest employment-type phrase wins: the structured field, then the title, then the text. */
export function detectEmploymentType(structured: string | null | undefined, title: string, text: string): EmploymentType {
  for (const source of [structured ?? '', title.replace(/\bft\b/gi, 'full-time').replace(/\bpt\b/gi, 'part-time'), text.slice(0, 60_000)]) {
    const lower = source.toLowerCase();
    let best: [number, EmploymentType] | null = null;
    for (const [re, type] of EMPLOYMENT) {
      const at = lower.search(re);
      if (at >= 0 && (!best || at < best[0])) best = [at, type];
    }
    if (best) return best[1];
  }
  return 'unknown';
}

const SHIFTS: ReadonlyArray<[RegExp, string]> = [
  [/\brotating (?:shifts?|schedule)\b/, 'rotating'],
  [/\bnight shift|\bnights\b|\bovernight\b|\bthird shift\b/, 'night'],
  [/\bevening shift|\bevenings\b|\bsecond shift\b/, 'evening'],
  [/\bweekend (?:shift|coverage|rotation)s?\b|\bweekends? required\b|\bweekend\b/, 'weekend'],
  [/\bday shift\b|\bdays\b(?=[^.]{0,20}\b(?:shift|schedule)\b)|\bmonday[- ](?:through|to|–|-)[- ]?friday\b|\bm-f\b|\bfirst shift\b/, 'day'],
];

export function detectShift(text: string): string | null {
  const lower = text.slice(0, 60_000).toLowerCase();
  for (const [re, shift] of SHIFTS) if (re.test(lower)) return shift;
  return null;
}

const SETTINGS: ReadonlyArray<[RegExp, Setting]> = [
  [/\b(?:air|army) national guard\b|\btitle 32\b|\bmilitary treatment facility\b|\bdual status\b|\bair force\b|\bnavy\b|\bmedical group\b(?=[^.]{0,40}\b(?:wing|ang)\b)/g, 'military'],
  [/\bveterans (?:health|affairs)\b|\bva medical center\b|\bdepartment of veterans\b|\busajobs\b|\bfederal (?:government|agency|employees?)\b|\bindian health service\b/g, 'federal'],
  [/\bhealth plan\b|\binsurance\b|\bpayer\b|\bmanaged care\b|\bmedicare advantage\b|\bmedicaid (?:plan|managed)\b|\bmembers?\b(?= (?:services|experience|health))/g, 'payer'],
  [/\bstaffing\b|\bour client\b|\boutsourc\w*\b|\bconsult(?:ing|ancy)\b|\bsoftware\b|\bsaas\b|\bstartup\b|\bdigital health\b|\bvendor\b/g, 'vendor'],
  [/\bskilled nursing\b|\bnursing (?:home|facility|care)\b|\blong[- ]term care\b|\bsnf\b|\bassisted living\b/g, 'nursing_care'],
  [/\bhome health\b|\bhospice\b|\bhome care\b/g, 'home_health'],
  [/\bphysician (?:practice|office|group)s?\b|\bmedical group\b|\bprivate practice\b|\bmulti-?specialty (?:group|practice)\b/g, 'physician_practice'],
  [/\boutpatient (?:clinic|center)s?\b|\bambulatory\b|\burgent care\b|\bcommunity health cent(?:er|re)\b|\bfqhc\b|\bclinics?\b/g, 'outpatient_clinic'],
  [/\bhospitals?\b|\bmedical cent(?:er|re)\b|\bacute care\b|\bhealth system\b|\btrauma cent(?:er|re)\b|\binpatient\b/g, 'hospital'],
];

export function detectSetting(text: string, isFederal: boolean, title32: boolean): Setting {
  if (title32) return 'military';
  const lower = text.slice(0, 60_000).toLowerCase();
  let best: [number, Setting] | null = null;
  for (const [re, setting] of SETTINGS) {
    const n = lower.match(re)?.length ?? 0;
    const weight = setting === 'military' || setting === 'federal' ? n * 3 : n;
    if (n > 0 && (!best || weight > best[0])) best = [weight, setting];
  }
  if (isFederal && (!best || best[1] !== 'military')) return 'federal';
  return best?.[1] ?? 'unknown';
}

const GRADE = /\b(GS|GG|WG|WS|WL|GL)[- ]?(?:(\d{4})[- ])?(\d{1,2})(?:\s*(?:-|–|to|\/)\s*(?:(?:GS|GG|WG)[- ]?)?(\d{1,2}))?\b/g;

function gradesFromText(text: string): Pick<Federal, 'series' | 'payPlan' | 'gradeLow' | 'gradeHigh'> {
  const series: string[] = [];
  let payPlan: string | null = null;
  let low: number | null = null;
  let high: number | null = null;
  for (const m of text.matchAll(GRADE)) {
    const g1 = Number(m[3]);
    if (g1 < 1 || g1 > 15) continue;
    payPlan ??= m[1]!;
    if (m[2] && !series.includes(m[2])) series.push(m[2]);
    const g2 = m[4] ? Number(m[4]) : g1;
    low = low === null ? Math.min(g1, g2) : Math.min(low, g1, g2);
    high = high === null ? Math.max(g1, g2) : Math.max(high, g1, g2);
  }
  for (const m of text.matchAll(/\b(0\d{3})\b(?=[^.]{0,6}\bseries\b)|\bseries:?\s*(?:gs-)?(0\d{3})\b/gi)) {
    const s = m[1] ?? m[2]!;
    if (!series.includes(s)) series.push(s);
  }
  return { series, payPlan, gradeLow: low, gradeHigh: high };
}

const WHO: ReadonlyArray<[RegExp, WhoMayApply]> = [
  [/\bpublic\b|\bu\.?s\.? citizens\b/, 'public'],
  [/\bfed(?:eral)?[- ](?:competitive|transition|excepted|internal)|\bcurrent (?:or former )?(?:competitive service )?federal employees\b|\bcareer transition\b/, 'federal_employees'],
  [/\bstatus candidates\b|\bmerit promotion\b/, 'status_candidates'],
  [/\bveterans?\b|\bvet\b/, 'veterans'],
  [/\bnational guard\b|\bnguard\b|\bguard members?\b/, 'guard_members'],
  [/\bmilitary spouses?\b|\bmspouse\b/, 'military_spouses'],
  [/\bdisabilit(?:y|ies)\b/, 'individuals_with_disabilities'],
  [/\binternal to an agency\b|\bemployees of the hiring agency\b|\bagency employees only\b|\bemployees only\b/, 'agency_employees'],
];

function whoMayApply(structured: string, text: string): WhoMayApply[] {
  const out: WhoMayApply[] = [];
  const s = structured.toLowerCase();
  for (const [re, who] of WHO) if (s && re.test(s)) out.push(who);
  const clause = /\b(?:this job is open to|who may apply|open to|area of consideration)\b[^\n]{0,300}(?:\n[^\n]{0,200}){0,3}/.exec(text.toLowerCase())?.[0] ?? '';
  for (const [re, who] of WHO) if (clause && re.test(clause) && !out.includes(who)) out.push(who);
  return out;
}

export function extractFederal(raw: RawFederal | null | undefined, text: string): Federal | null {
  const t = text.slice(0, 100_000);
  const lower = t.toLowerCase();
  const title32 = /\btitle 32\b|\b32 u\.?s\.?c\.? (?:§\s?)?709\b|\bdual[- ]status\b/.test(lower);
  const fromText = gradesFromText(t);
  const isFederal = !!raw || title32 || fromText.payPlan !== null || /\busajobs\b|\bdepartment of veterans affairs\b|\bveterans health administration\b/.test(lower);
  if (!isFederal) return null;
  const series = [...(raw?.series ?? []).map((s) => s.padStart(4, '0')), ...fromText.series].filter((s, i, a) => a.indexOf(s) === i);
  const structuredWho = [raw?.whoMayApply ?? '', ...(raw?.hiringPaths ?? [])].join(' ');
  return {
    series,
    payPlan: raw?.payPlan ?? fromText.payPlan,
    gradeLow: raw?.gradeLow ?? fromText.gradeLow,
    gradeHigh: raw?.gradeHigh ?? fromText.gradeHigh,
    title32,
    militaryMembershipRequired: /\b(?:must (?:be|become|maintain)|requires?|required to (?:be|maintain))\b[^.]{0,60}\bmember(?:ship)?\b[^.]{0,40}\b(?:guard|reserve|military)\b|\bmilitary membership (?:is )?(?:required|mandatory)\b|\bcompatible military assignment\b/.test(lower) || (title32 && /\bdual[- ]status\b/.test(lower)),
    whoMayApply: whoMayApply(structuredWho, t),
  };
}

const SKILLS: ReadonlyArray<[RegExp, string]> = [
  [/\bicd-?10-?cm\b/i, 'ICD-10-CM'], [/\bicd-?10-?pcs\b|\bpcs cod/i, 'ICD-10-PCS'], [/\bicd-?10\b(?!-?(?:cm|pcs))/i, 'ICD-10'],
  [/\bicd-?o-?3\b/i, 'ICD-O-3'], [/\bcpt\b/i, 'CPT'], [/\bhcpcs\b/i, 'HCPCS'], [/\be\/m\b|\bevaluation and management\b/i, 'E/M'],
  [/\bms-?drgs?\b/i, 'MS-DRG'], [/\bapr-?drgs?\b/i, 'APR-DRG'], [/\bdrgs?\b(?!-)/i, 'DRG'], [/\bhccs?\b|\bhierarchical condition/i, 'HCC'],
  [/\bapcs?\b|\bopps\b/i, 'APC'], [/\bncci\b|\boce edits?\b/i, 'NCCI'], [/\bmodifiers?\b/i, 'modifiers'], [/\bub-?04\b/i, 'UB-04'], [/\bcms-?1500\b/i, 'CMS-1500'],
  [/\bepic\b/i, 'Epic'], [/\bcerner\b|\boracle health\b/i, 'Cerner/Oracle Health'], [/\bmeditech\b/i, 'MEDITECH'],
  [/\b3m\b(?=[^.]{0,30}\b(?:360|encoder|encompass|coding|his)\b)|\bsolventum\b|\b360 encompass\b/i, '3M/Solventum 360'],
  [/\bencoderpro\b|\boptum encoder/i, 'Optum EncoderPro'], [/\bcomputer[- ]assisted coding\b|\bcac\b/i, 'CAC'], [/\bencoders?\b/i, 'encoder'],
  [/\beclinical ?works\b/i, 'eClinicalWorks'], [/\bathenahealth\b|\bathena\b/i, 'athenahealth'], [/\bnextgen\b/i, 'NextGen'], [/\ballscripts\b/i, 'Allscripts'],
  [/\bvista\b|\bcprs\b/i, 'VistA/CPRS'], [/\bhipaa\b/i, 'HIPAA'], [/\brelease of information\b/i, 'release of information'],
  [/\bmedical terminology\b/i, 'medical terminology'], [/\banatomy\b/i, 'anatomy and physiology'], [/\babstract(?:ion|ing)\b/i, 'abstraction'],
  [/\bseer\b|\bnpcr\b|\bajcc\b/i, 'cancer registry standards'], [/\bsql\b/i, 'SQL'], [/\bexcel\b/i, 'Excel'], [/\btableau\b/i, 'Tableau'], [/\bpower bi\b/i, 'Power BI'], [/\bpython\b/i, 'Python'],
];

export function extractSkills(text: string): string[] {
  const t = text.slice(0, 100_000);
  return SKILLS.filter(([re]) => re.test(t)).map(([, s]) => s);
}
