import { createRng, deriveSeed } from './prng.ts';
import { STATE_NAMES } from './cities.ts';
import {
  renderCredentialGroup, renderEducation, renderEmployment, renderHybrid, renderOnsite, renderRemote, renderSalary, renderYears,
} from './phrasing.ts';
import type { EducationOption } from './role-catalog.ts';
import type { PostingTruth } from './types.ts';

// Assembles a posting's HTML from its truth. Each section draws from its own stream,
// derived from the posting's phrase seed, so a mutation re-renders only what changed.

export interface DescriptionInput {
  readonly phraseSeed: number;
  readonly title: string;
  readonly employerBlurb: string;
  readonly duties: readonly string[];
  readonly education: EducationOption;
  readonly experienceOf: string;
  readonly city: string;
  readonly region: string;
  readonly truth: PostingTruth;
}

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ul = (items: readonly string[]): string => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

function stream(input: DescriptionInput, label: string) {
  return createRng(deriveSeed(input.phraseSeed, label));
}

/** The pay line alone, so a mutation can swap it without re-rendering the rest. */
export function renderPayParagraph(phraseSeed: number, truth: PostingTruth): string {
  const salary = truth.salary;
  if (!salary) return '';
  const rng = createRng(deriveSeed(phraseSeed, 'pay'));
  const label = rng.pick(['Pay range', 'Compensation', 'Pay']);
  const federal = truth.federal;
  const grade = federal ? ` (${federal.payPlan}-${federal.series}-${federal.gradeLow === federal.gradeHigh ? federal.gradeLow : `${federal.gradeLow} to ${federal.gradeHigh}`})` : '';
  return `<p class="pay"><strong>${label}:</strong> ${esc(renderSalary(salary, rng))}${grade}</p>`;
}

function placeSentence(input: DescriptionInput): string {
  const rng = stream(input, 'place');
  const t = input.truth;
  if (t.workMode === 'remote') return renderRemote(t.remoteRegions, rng);
  if (t.workMode === 'hybrid') return renderHybrid(input.city, input.region, rng);
  return renderOnsite(input.city, input.region, rng);
}

function requirementItems(input: DescriptionInput): { required: string[]; preferred: string[] } {
  const rng = stream(input, 'requirements');
  const t = input.truth;
  const required: string[] = [];
  const education = renderEducation(input.education, rng);
  if (education) required.push(education);
  const years = renderYears(t.minYears, input.experienceOf, rng);
  if (years) required.push(years);
  for (const group of t.requiredCredentials) required.push(renderCredentialGroup(group, true, rng));
  const preferred = t.preferredCredentials.map((group) => renderCredentialGroup(group, false, rng));
  return { required, preferred };
}

function privateHtml(input: DescriptionInput): string {
  const rng = stream(input, 'layout');
  const { required, preferred } = requirementItems(input);
  const dutyHeading = rng.pick(['About the role', 'Responsibilities', 'What you will do']);
  const reqHeading = rng.pick(['Requirements', 'Required Qualifications', 'What you need']);
  const prefHeading = rng.pick(['Preferred Qualifications', 'Nice to have']);
  const parts = [
    `<p>${esc(input.employerBlurb)}</p>`,
    `<h3>${dutyHeading}</h3>`,
    rng.chance(0.5) ? ul(input.duties) : `<p>${esc(input.duties.join(' '))}</p>`,
    required.length > 0 ? `<h3>${reqHeading}</h3>${ul(required)}` : '',
    preferred.length > 0 ? `<h3>${prefHeading}</h3>${ul(preferred)}` : '',
    `<p><strong>Schedule:</strong> ${esc(renderEmployment(input.truth.employmentType, stream(input, 'employment')))}</p>`,
    `<p><strong>Location:</strong> ${esc(placeSentence(input))}</p>`,
    renderPayParagraph(input.phraseSeed, input.truth),
  ];
  return parts.filter((p) => p !== '').join('\n');
}

function federalQualifications(input: DescriptionInput, required: string[]): string {
  const t = input.truth;
  if (t.minEducation === 'associate' && t.experienceSubstitutes) {
    const education = 'Education: An associate degree from an accredited college with a major in health information technology or health information management, OR one year of creditable experience in lieu of education, OR an equivalent combination of education and experience.';
    return ul([education, ...required.filter((r) => !/^(associate|Associate)/.test(r))]);
  }
  return ul(required);
}

function federalHtml(input: DescriptionInput): string {
  const t = input.truth;
  const federal = t.federal;
  if (!federal) throw new Error('federalHtml without federal truth');
  const { required, preferred } = requirementItems(input);
  const state = STATE_NAMES[input.region] ?? input.region;
  const conditions = federal.title32
    ? [
      `This is an Excepted Service position (32 U.S.C. 709, Title 32 dual status) that requires membership in a compatible military assignment in the ${state} Air National Guard.`,
      'Air National Guard membership is required; applicants who are not members must be eligible for immediate membership.',
      'Military assignment: compatible enlisted grade in AFSC 4A0X1 (Health Services Management).',
    ]
    : ['U.S. citizenship required.', 'Subject to a background investigation.'];
  const parts = [
    `<h3>Summary</h3><p>${esc(input.employerBlurb)}</p>`,
    `<h3>Duties</h3>${ul(input.duties)}`,
    required.length > 0 || t.minEducation !== 'unknown' ? `<h3>Qualifications</h3>${federalQualifications(input, required)}` : '',
    preferred.length > 0 ? `<h3>Preferred</h3>${ul(preferred)}` : '',
    `<h3>Conditions of employment</h3>${ul(conditions)}`,
    `<p><strong>Work schedule:</strong> ${esc(renderEmployment(t.employmentType, stream(input, 'employment')))}</p>`,
    `<p><strong>Location:</strong> ${esc(placeSentence(input))}</p>`,
    renderPayParagraph(input.phraseSeed, input.truth),
  ];
  return parts.filter((p) => p !== '').join('\n');
}

export function renderDescription(input: DescriptionInput): string {
  return input.truth.federal ? federalHtml(input) : privateHtml(input);
}
