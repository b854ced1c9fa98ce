import { describe, expect, it } from 'vitest';
import { CODING_FAMILY } from '@himatch/core';
import { extractCredentials } from './credentials.ts';
import { splitSentences } from './sections.ts';
import { analysisText } from './text.ts';

const creds = (text: string, title = 'Coder') => extractCredentials(splitSentences(analysisText(text)), title);
const ids = (groups: Array<{ anyOf: string[] }>) => groups.map((g) => [...g.anyOf].sort());

describe('extractCredentials', () => {
  it('reads an any-of list as one required group', () => {
    const r = creds('Qualifications:\n- RHIT, RHIA, CCS, or CPC required');
    expect(ids(r.required)).toEqual([['CCS', 'CPC', 'RHIA', 'RHIT']]);
    expect(r.preferred).toEqual([]);
  });

  it('splits required and preferred inside one sentence', () => {
    const r = creds('RHIT required; CCS preferred.');
    expect(ids(r.required)).toEqual([['RHIT']]);
    expect(ids(r.preferred)).toEqual([['CCS']]);
  });

  it('uses the Preferred section when the sentence has no cue', () => {
    const r = creds('Requirements:\nHigh school diploma\nPreferred Qualifications:\nCPC or CCS-P');
    expect(r.required).toEqual([]);
    expect(ids(r.preferred)).toEqual([['CCS-P', 'CPC']]);
  });

  it('reads a coding certificate program as education, not a credential', () => {
    expect(creds('Requirements:\n- Completion of an AHIMA-approved coding certificate program\n- CPC required').required.map((g) => g.anyOf)).toEqual([['CPC']]);
    expect(ids(creds('Must hold an AHIMA or AAPC coding certification').required)).toEqual([[...CODING_FAMILY].sort()]);
  });

  it('folds an apprentice credential said apart into its full credential\'s group', () => {
    const fold = creds;
    expect(fold('Requirements: CPC certification required. CPC-A acceptable.').required.map((g) => [...g.anyOf].sort())).toEqual([['CPC', 'CPC-A']]);
    expect(fold('Qualifications: Must hold an active CPC; CPC-A will be considered.').required.map((g) => [...g.anyOf].sort())).toEqual([['CPC', 'CPC-A']]);
    // Alone, an apprentice credential stays its own requirement.
    expect(fold('Requirements: CPC-A required.').required.map((g) => g.anyOf)).toEqual([['CPC-A']]);
  });

  it('reads the list after a required coding credential as the accepted ones', () => {
    expect(ids(creds('Requirements:\nCurrent coding credential required (CPC, CCS, RHIT)').required)).toEqual([['CCS', 'CPC', 'RHIT']]);
  });

  it('reads BLS as a card held, not a statistics bureau', () => {
    expect(ids(creds('Required:\n- Current BLS in good standing', 'Registered Nurse').required)).toEqual([['BLS']]);
    expect(ids(creds('Preferred:\n- BLS a plus', 'Unit Secretary').preferred)).toEqual([['BLS']]);
    expect(creds('Compares wages with BLS occupational statistics.', 'Compensation Analyst').required).toEqual([]);
  });

  it('accepts ambiguous acronyms in a posting the relevance decision found HIT', () => {
    const sentences = splitSentences(analysisText('Scans and indexes documents.\nPreferred:\n- CCA preferred'));
    expect(extractCredentials(sentences, 'Scanning Clerk').preferred).toEqual([]);
    expect(ids(extractCredentials(sentences, 'Scanning Clerk', true).preferred)).toEqual([['CCA']]);
  });

  it('canonicalises spellings and full names', () => {
    const r = creds('Must hold R.H.I.T. or CCSP or CPC(A) or CPC-H or Registered Health Information Administrator credential.');
    expect(ids(r.required)).toEqual([['CCS-P', 'COC', 'CPC-A', 'RHIA', 'RHIT']]);
  });

  it('reads spelled-out certificate names of a job-board row', () => {
    const r = creds('License requiredCoding Specialist Certificate OR Professional Coder Certificate - Apprentice OR Coding Specialist Certificate - Physician Based');
    expect(ids(r.required)).toEqual([['CCS', 'CCS-P', 'CPC-A']]);
  });

  it('expands "AHIMA or AAPC coding credential" to the coding family', () => {
    const r = creds('Requirements: Current AHIMA or AAPC coding credential required.');
    expect(ids(r.required)).toEqual([[...CODING_FAMILY].sort()]);
  });

  it('keeps eligibility and grace windows', () => {
    const r = creds('RHIT or RHIT-eligible; must obtain CCS within 6 months of hire.');
    const rhit = r.required.find((g) => g.anyOf.includes('RHIT'))!;
    expect(rhit.eligibleAccepted).toBe(true);
    const ccs = r.required.find((g) => g.anyOf.includes('CCS'))!;
    expect(ccs.withinMonths).toBe(6);
    expect(creds('Cancer registrar: CTR required within one year of hire.').required[0]).toMatchObject({ anyOf: ['ODS-C'], withinMonths: 12 });
  });

  it('maps "registry eligible" to the cancer registry credential', () => {
    const r = creds('Cancer registrar. Registry eligible required.', 'Cancer Registrar');
    expect(r.required[0]).toMatchObject({ anyOf: ['ODS-C'], eligibleAccepted: true });
  });

  it('ignores ambiguous tokens without HIM context', () => {
    expect(creds('Report to the CTR manager at the distribution center.', 'Warehouse Lead').required).toEqual([]);
    expect(creds('Our CCA program for clinical assistants starts soon.', 'Assistant').required).toEqual([]);
  });

  it('does not read clinical experience as an RN license', () => {
    const r = creds('OR, Clinical experience such as RN, M.D., or DO, and one year of experience in clinical documentation improvement.');
    expect(r.required.flatMap((g) => g.anyOf)).not.toContain('RN');
  });

  it('keeps the license outside a parenthetical preference', () => {
    const r = creds('Preferred Qualifications:\n* Active, unrestricted RN (BSN preferred) license required', 'Policy');
    expect(ids(r.required)).toEqual([['RN']]);
  });

  it('treats "Certified ... Coder" titles as requiring a coding credential', () => {
    expect(ids(creds('Audit charts and teach clinicians.', 'Certified Medical Coder').required)).toEqual([[...CODING_FAMILY].sort()]);
  });
});

describe('extractCredentials: document context', () => {
  it('accepts a bare CPC in a coding posting', () => {
    expect(ids(creds('Assign E/M and CPT codes.\nCPC required.', 'Coding Specialist').required)).toEqual([['CPC']]);
  });

  it('uses the list after a family phrase instead of the whole family', () => {
    expect(ids(creds('Coding credential (CPC, CCS, or COC) preferred.', 'Revenue Integrity Analyst').preferred)).toEqual([['CCS', 'COC', 'CPC']]);
  });
});
