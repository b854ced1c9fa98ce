import type { RawLocation, RawPostingInput, RawSalary } from '@himatch/core';
import { makeSalary, toPeriod } from '../util/salary.ts';
import { toIso } from '../util/dates.ts';
import { bool, isObj, joinNonEmpty, list, num, obj, str, urlPath, type Obj } from '../util/values.ts';

export interface JsonLdContext {
  /** The page the JSON-LD was read from, if any. */
  pageUrl: string | null;
  /** An id the caller already knows (iCIMS /jobs/{id}, a feed guid); wins over others. */
  externalId?: string | null;
}

/** A schema.org JobPosting → RawPosting, per the crosswalk in source-formats.md. */
export function mapJobPosting(ld: Obj, context: JsonLdContext): RawPostingInput {
  const title = str(ld.title) ?? str(ld.name);
  if (!title) throw new Error('JobPosting without title');
  const identifier = identifierValue(ld.identifier);
  const ownUrl = str(ld.url);
  const locations = list(ld.jobLocation).map(placeToLocation).filter((l): l is RawLocation => l !== null);
  const baseSalary = salaryOf(ld.baseSalary);
  return {
    externalId: context.externalId ?? identifier ?? pathId(ownUrl ?? context.pageUrl),
    requisitionId: identifier,
    title,
    description: str(ld.description) ?? '',
    employer: organizationName(ld.hiringOrganization),
    location: joinNonEmpty(locations.map(locationText), '; '),
    locations,
    salary: baseSalary.salary,
    salaryText: baseSalary.text,
    employmentType: joinNonEmpty(list(ld.employmentType).map(str), ', '),
    workplaceType: joinNonEmpty(list(ld.jobLocationType).map(str), ', '),
    remoteRegions: list(ld.applicantLocationRequirements).map(regionName).filter((r): r is string => r !== null),
    url: context.pageUrl ?? ownUrl,
    applyUrl: ownUrl ?? context.pageUrl,
    postedAt: toIso(ld.datePosted),
    closesAt: toIso(ld.validThrough),
    educationText: educationText(ld.educationRequirements),
    experienceMonths: experienceMonths(ld.experienceRequirements),
    experienceInPlaceOfEducation: bool(ld.experienceInPlaceOfEducation),
  };
}

function pathId(url: string | null): string | undefined {
  return (url && urlPath(url)) || undefined;
}

function identifierValue(node: unknown): string | null {
  for (const item of list(node)) {
    const value = isObj(item) ? str(item.value) ?? str(item['@id']) : str(item);
    if (value) return value;
  }
  return null;
}

function organizationName(node: unknown): string | null {
  const first = list(node)[0];
  return isObj(first) ? str(first.name) : str(first);
}

// iCIMS fills unknown address parts with the literal "UNAVAILABLE".
function addressPart(value: unknown): string | null {
  const text = isObj(value) ? str(value.name) : str(value);
  return text && text.toUpperCase() !== 'UNAVAILABLE' ? text : null;
}

function placeToLocation(place: unknown): RawLocation | null {
  const node = obj(place);
  const address = obj(list(node.address)[0] ?? node);
  const location: RawLocation = {
    city: addressPart(address.addressLocality),
    region: addressPart(address.addressRegion),
    postalCode: addressPart(address.postalCode),
    country: addressPart(address.addressCountry),
  };
  return Object.values(location).some((v) => v !== null) ? location : null;
}

function locationText(location: RawLocation): string {
  return joinNonEmpty([location.city, location.region, location.postalCode, location.country], ', ') ?? '';
}

function regionName(node: unknown): string | null {
  return isObj(node) ? str(node.name) ?? str(node.identifier) : str(node);
}

function salaryOf(node: unknown): { salary: RawSalary | null; text: string | null } {
  if (!isObj(node)) return { salary: null, text: str(node) };
  const value = node.value;
  if (isObj(value)) {
    const exact = num(value.value);
    const salary = makeSalary(num(value.minValue) ?? exact, num(value.maxValue) ?? exact, node.currency, toPeriod(value.unitText));
    return { salary, text: salary ? null : str(value.value) };
  }
  const exact = num(value);
  if (exact !== null) return { salary: makeSalary(exact, exact, node.currency, toPeriod(node.unitText)), text: null };
  return { salary: null, text: str(value) };
}

function educationText(node: unknown): string | null {
  const parts = list(node).map((item) => (isObj(item) ? str(item.credentialCategory) ?? str(item.name) : str(item)));
  return joinNonEmpty(parts, '; ');
}

function experienceMonths(node: unknown): number | null {
  for (const item of list(node)) {
    if (isObj(item)) {
      const months = num(item.monthsOfExperience);
      if (months !== null) return months;
    }
  }
  return null;
}
