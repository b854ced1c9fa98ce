import { listingSchema, rawPostingSchema, ValidationError, type Listing, type RawPosting, type RawPostingInput } from '@himatch/core';
import { analysisText, cleanDescription, tidyText } from './text.ts';
import { splitSentences } from './sections.ts';
import { extractCredentials } from './credentials.ts';
import { extractEducation, extractMinYears, extractSpecialties } from './education.ts';
import { salaryFromStructured, salaryFromText } from './pay.ts';
import { detectWorkMode, parseLocationText, remotePlaces, resolveLocation, stateCode } from './place.ts';
import { detectEmploymentType, detectSetting, detectShift, extractFederal, extractSkills } from './attributes.ts';
import { decideRole } from './role.ts';
import { fingerprintOf } from './dedupe.ts';

export interface NormalizeContext {
  sourceKind?: string;
  now?: Date;
}

function parseRaw(raw: RawPosting | RawPostingInput): RawPosting {
  if (raw === null || typeof raw !== 'object') throw new ValidationError('posting', 'expected an object');
  const title = typeof raw.title === 'string' ? tidyText(raw.title) : '';
  if (title.length === 0) throw new ValidationError('title', 'a posting needs a non-empty title');
  const parsed = rawPostingSchema.safeParse({ ...raw, title: title.slice(0, 1000), description: typeof raw.description === 'string' ? raw.description.slice(0, 2_000_000) : (raw.description ?? '') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(issue?.path.join('.') || 'posting', issue?.message ?? 'invalid posting');
  }
  return parsed.data;
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function locationsOf(raw: RawPosting, text: string) {
  const given = raw.locations && raw.locations.length > 0 ? raw.locations : raw.location ? parseLocationText(raw.location) : [];
  const fromText = given.length > 0 ? given : parseLocationText(
    /\blocation(?:\(s\))?\s*:\s*([^\n]{2,120})/i.exec(text.slice(0, 20_000))?.[1] ?? '',
  );
  const seen = new Set<string>();
  return fromText.slice(0, 50).map(resolveLocation).filter((l) => {
    const key = `${l.city}|${l.region}|${l.postalCode}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** RawPosting → Listing. Throws only ValidationError, for input that cannot become a listing. */
export function normalizePosting(input: RawPosting | RawPostingInput, ctx: NormalizeContext = {}): Listing {
  const raw = parseRaw(input);
  const { html, text: descriptionText } = cleanDescription(raw.description);
  const text = analysisText(descriptionText);
  const sentences = splitSentences(text);
  const decision = decideRole(raw.title, text);
  // A USAJOBS posting is federal even when the adapter sent no federal block.
  const federal = extractFederal(raw.federal ?? (ctx.sourceKind === 'usajobs' ? {} : null), `${raw.title}\n${text}`);
  const salary = (raw.salary ? salaryFromStructured(raw.salary) : null) ?? (raw.salaryText ? salaryFromText(raw.salaryText) : null) ?? salaryFromText(text);
  const locations = locationsOf(raw, text);
  const modeFields = [raw.workplaceType, raw.location, raw.title].filter(Boolean).join(' ');
  const workMode = detectWorkMode(modeFields, text);
  const regions = (raw.remoteRegions ?? []).map((r) => stateCode(r) ?? r);
  const excluded: string[] = [];
  if (workMode === 'remote' || workMode === 'hybrid') {
    const places = remotePlaces(text);
    for (const r of places.eligible) if (!regions.includes(r)) regions.push(r);
    excluded.push(...places.excluded.filter((r) => !regions.includes(r)));
  }
  const listing: Listing = {
    isHit: decision.isHit,
    relevanceReasons: decision.reasons,
    role: decision.role,
    roleConfidence: decision.roleConfidence,
    socCode: decision.socCode,
    title: raw.title,
    employer: raw.employer?.trim() || null,
    sourceUrl: httpUrl(raw.url),
    applyUrls: [httpUrl(raw.applyUrl)].filter((u): u is string => u !== null),
    postedAt: isoDate(raw.postedAt),
    closesAt: isoDate(raw.closesAt),
    credentials: extractCredentials(sentences, raw.title, decision.isHit),
    education: extractEducation(sentences, raw.educationText ?? null),
    experience: { minYears: raw.experienceMonths != null && raw.experienceMonths >= 0 ? Math.round((raw.experienceMonths / 12) * 100) / 100 : extractMinYears(sentences), specialties: extractSpecialties(sentences) },
    salary,
    locations,
    workMode,
    remoteEligibleRegions: regions,
    remoteExcludedRegions: excluded,
    employmentType: detectEmploymentType(raw.employmentType, raw.title, text),
    shift: detectShift(text),
    setting: detectSetting(`${raw.employer ?? ''}\n${text}`, federal !== null && !federal.title32, federal?.title32 ?? false),
    federal,
    skills: extractSkills(text),
    descriptionText,
    descriptionHtml: html,
    fingerprint: '',
    requisitionId: raw.requisitionId ?? null,
  };
  if (raw.experienceInPlaceOfEducation) listing.education.experienceSubstitutes = true;
  listing.fingerprint = fingerprintOf(listing);
  const checked = listingSchema.safeParse(listing);
  // A listing that breaks the contract is a bug, but callers are promised one error class.
  if (!checked.success) throw new ValidationError(checked.error.issues[0]?.path.join('.') || 'listing', `normalized listing is invalid: ${checked.error.issues[0]?.message ?? 'unknown'}`);
  return checked.data;
}

/** Many postings; a posting that fails validation yields its error instead of stopping the batch. */
export function normalizeMany(raws: ReadonlyArray<RawPosting | RawPostingInput>, ctx: NormalizeContext = {}): Array<Listing | ValidationError> {
  return raws.map((raw) => {
    try {
      return normalizePosting(raw, ctx);
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
  });
}
