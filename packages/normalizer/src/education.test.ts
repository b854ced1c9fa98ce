import { describe, expect, it } from 'vitest';
import { extractEducation, extractMinYears, extractSpecialties } from './education.ts';
import { splitSentences } from './sections.ts';
import { analysisText } from './text.ts';

const sents = (text: string) => splitSentences(analysisText(text));

describe('extractEducation', () => {
  it('takes the lowest required level and its fields', () => {
    const e = extractEducation(sents('Requirements:\nAssociate degree in Health Information Management or related field required. Bachelor’s degree preferred.'), null);
    expect(e.minLevel).toBe('associate');
    expect(e.fields).toEqual(expect.arrayContaining(['him', 'related']));
  });

  it('reads high school floors and substitutions', () => {
    const e = extractEducation(sents('High School Diploma/GED required\nAssociates Degree or Certificate preferred'), null);
    expect(e.minLevel).toBe('high_school');
    const s = extractEducation(sents("Bachelor's degree in HIM or equivalent experience."), null);
    expect(s).toMatchObject({ minLevel: 'bachelor', experienceSubstitutes: true });
  });

  it('reads a coding program as a postsecondary certificate and CAHIIM', () => {
    expect(extractEducation(sents('Completion of an AHIMA approved coding program required.'), null).minLevel).toBe('postsecondary_certificate');
    expect(extractEducation(sents('Graduate of a CAHIIM-accredited associate degree program required.'), null).cahiimRequired).toBe(true);
  });

  it('does not take federal combination clauses as a degree floor', () => {
    const text = "OR, (2) Education. An associate's degree with a major in health information technology. OR, (3) Experience/Education Combination. Equivalent combinations of experience and education are qualifying. (a) Six months of experience and one year above high school.";
    expect(extractEducation(sents(text), null)).toMatchObject({ minLevel: 'associate', experienceSubstitutes: true });
  });

  it('reads a year of college credit as some college, not a course-hour minimum', () => {
    expect(extractEducation(sents('Requirements:\n- At least 60 college credit hours including anatomy and physiology'), null).minLevel).toBe('some_college');
    expect(extractEducation(sents('Requirements:\n- 30 semester hours of college coursework'), null).minLevel).toBe('some_college');
    expect(extractEducation(sents('Requirements:\n- A related degree with a minimum of 12 semester hours in HIM.'), null).minLevel).toBe('unknown');
    expect(extractEducation(sents('Requirements:\n- Works 40 hours per week at the college.'), null).minLevel).toBe('unknown');
  });

  it('reads "NC, OR, or GA" as Oregon, not a federal OR alternative', () => {
    const e = extractEducation(sents('Requirements:\n- High school diploma or GED required\n- 3 years of coding experience\nLocation: Remote – must reside in NC, OR, or GA'), null);
    expect(e.experienceSubstitutes).toBe(false);
    expect(extractEducation(sents('Education: associate degree in HIT. OR, one year of experience.'), null).experienceSubstitutes).toBe(true);
  });

  it('falls back to a structured hint', () => {
    expect(extractEducation([], "Bachelor's degree required").minLevel).toBe('bachelor');
    expect(extractEducation([], null).minLevel).toBe('unknown');
  });
});

describe('extractMinYears', () => {
  it.each([
    ['2+ years of coding experience required', 2],
    ['Minimum Two (2) years work experience in a healthcare setting.', 2],
    ['A minimum of 3 years of inpatient coding experience.', 3],
    ['One year of creditable experience that indicates knowledge of medical terminology.', 1],
    ['3-5 years experience in Utilization Review', 3],
    ['6 months of experience in release of information', 0.5],
    ['No previous experience is required.', 0],
  ])('%s → %s', (text, years) => {
    expect(extractMinYears(sents(text))).toBe(years);
  });

  it('ignores company history and ages', () => {
    expect(extractMinYears(sents('It all started 10 years ago. Must be 18 years of age.'))).toBeNull();
  });
});

describe('extractSpecialties', () => {
  it('names the kind of experience asked for', () => {
    expect(extractSpecialties(sents('Requires 2 years of outpatient surgical coding experience.'))).toContain('outpatient_surgical_coding');
    expect(extractSpecialties(sents('Three years of experience in clinical documentation improvement.'))).toContain('cdi');
  });
});
