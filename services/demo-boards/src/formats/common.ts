import { STATE_NAMES, type SamplePosting } from '@himatch/samples';

// Shared renderings: place text, schema.org JobPosting, XML escaping.

export const escXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
export const stripTags = (s: string): string => s.replace(/<\/(p|li|h3)>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\n{2,}/g, '\n').trim();
export const day = (iso: string): string => iso.slice(0, 10);

export function locationText(p: SamplePosting): string {
  if (p.workMode === 'remote') {
    return p.remoteRegions.length === 1 && p.remoteRegions[0] === 'US' ? 'Remote - US' : `Remote - ${p.remoteRegions.join(', ')}`;
  }
  return p.workMode === 'hybrid' ? `${p.city}, ${p.region} (Hybrid)` : `${p.city}, ${p.region}`;
}

const SCHEMA_EMPLOYMENT: Record<SamplePosting['employmentType'], string> = {
  full_time: 'FULL_TIME', part_time: 'PART_TIME', per_diem: 'PER_DIEM', contract: 'CONTRACTOR', temporary: 'TEMPORARY',
};

const CREDENTIAL_CATEGORY: Partial<Record<string, string>> = {
  high_school: 'high school', postsecondary_certificate: 'professional certificate', associate: 'associate degree',
  bachelor: 'bachelor degree', master: 'postgraduate degree',
};

function placeFields(p: SamplePosting): Record<string, unknown> {
  if (p.workMode !== 'remote') {
    return {
      jobLocation: {
        '@type': 'Place',
        address: { '@type': 'PostalAddress', addressLocality: p.city, addressRegion: p.region, postalCode: p.postalCode, addressCountry: 'US' },
        geo: { '@type': 'GeoCoordinates', latitude: p.lat, longitude: p.lon },
      },
    };
  }
  const nationwide = p.remoteRegions.length === 1 && p.remoteRegions[0] === 'US';
  return {
    jobLocationType: 'TELECOMMUTE',
    applicantLocationRequirements: nationwide
      ? { '@type': 'Country', name: 'USA' }
      : p.remoteRegions.map((r) => ({ '@type': 'State', name: STATE_NAMES[r] ?? r })),
  };
}

function salaryField(p: SamplePosting): Record<string, unknown> {
  if (!p.salary) return {};
  const value: Record<string, unknown> = { '@type': 'QuantitativeValue', maxValue: p.salary.max, unitText: p.salary.period === 'hour' ? 'HOUR' : 'YEAR' };
  if (p.salary.min !== null) value['minValue'] = p.salary.min;
  return { baseSalary: { '@type': 'MonetaryAmount', currency: p.salary.currency, value } };
}

export function jobPostingJsonLd(p: SamplePosting): Record<string, unknown> {
  const t = p.truth;
  const category = CREDENTIAL_CATEGORY[t.minEducation];
  return {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: p.title,
    description: p.descriptionHtml,
    datePosted: day(p.postedAt),
    ...(p.closesAt ? { validThrough: p.closesAt } : {}),
    employmentType: [SCHEMA_EMPLOYMENT[p.employmentType]],
    hiringOrganization: { '@type': 'Organization', name: p.employer },
    identifier: { '@type': 'PropertyValue', name: p.employer, value: p.requisitionId },
    ...placeFields(p),
    ...salaryField(p),
    ...(category ? { educationRequirements: { '@type': 'EducationalOccupationalCredential', credentialCategory: category } } : {}),
    ...(t.minYears !== null ? { experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: t.minYears * 12 } } : {}),
    ...(t.experienceSubstitutes ? { experienceInPlaceOfEducation: true } : {}),
    directApply: false,
  };
}

/** A server-rendered job page with one JobPosting JSON-LD block. */
export function jobPageHtml(p: SamplePosting, applyUrl: string, jsonLd: Record<string, unknown> = jobPostingJsonLd(p)): string {
  const script = JSON.stringify(jsonLd).replace(/<\//g, '<\\/');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escXml(p.title)} | ${escXml(p.employer)}</title>`,
    `<script type="application/ld+json">${script}</script>`,
    '</head><body><main>',
    `<h1>${escXml(p.title)}</h1><p class="employer">${escXml(p.employer)} · ${escXml(locationText(p))}</p>`,
    p.descriptionHtml,
    `<p><a class="apply" href="${escXml(applyUrl)}">Apply now</a></p>`,
    '</main></body></html>',
  ].join('\n');
}
