import { describe, expect, it } from 'vitest';
import { parseCsv, rawFromFixture, titleFromFileName } from './fixture.ts';

describe('rawFromFixture', () => {
  it('reads TOML front matter', () => {
    const raw = rawFromFixture('x.md', '+++\ntitle = "Certified Medical Coder"\norganization = "Clinic"\nsalary = "$ 27.87/ hour"\n+++\nBody text');
    expect(raw).toMatchObject({ title: 'Certified Medical Coder', employer: 'Clinic', salaryText: '$ 27.87/ hour', description: 'Body text' });
  });

  it('reads YAML front matter', () => {
    expect(rawFromFixture('x.md', '---\ntitle: Coder\nlocation: Dallas, TX\n---\nBody')).toMatchObject({ title: 'Coder', location: 'Dallas, TX' });
  });

  it('reads job-board markdown headings', () => {
    const raw = rawFromFixture('x.md', '# [Healthcare Data Analyst](https://x.example/apply)\n### Vira Health\n#### `💰 $90,000` `🌎 United States`\n\nText');
    expect(raw).toMatchObject({ title: 'Healthcare Data Analyst', employer: 'Vira Health', salaryText: '$90,000', location: 'United States', url: 'https://x.example/apply' });
  });

  it('reads a CSV row with quoted multi-line fields and structured pay', () => {
    const raw = rawFromFixture('x.csv', 'job_id,company_name,title,description,max_salary,pay_period,min_salary\n7,Acme,Medical Coder,"Line, one\n""quoted""",35.0,HOURLY,32.0\n');
    expect(raw).toMatchObject({ title: 'Medical Coder', employer: 'Acme', description: 'Line, one\n"quoted"', salary: { min: 32, max: 35, period: 'hour' } });
  });

  it('finds a title line in text, skipping page chrome, else uses the file name', () => {
    expect(rawFromFixture('a.txt', 'Skip to main content\nU.S. flag\n\nMedical Records Technician (ROI)\n\nDepartment of Veterans Affairs').title).toBe('Medical Records Technician (ROI)');
    expect(rawFromFixture('025-mrt-coder-inpatient.txt', 'To qualify for this position, applicants must meet all requirements.').title).toBe('mrt coder inpatient');
    expect(rawFromFixture('a.txt', 'Job Title:Medical Record Administrator\nMore').title).toBe('Medical Record Administrator');
  });

  it('parses CSV and file names', () => {
    expect(parseCsv('a,b\r\n"1,2",3')).toEqual([['a', 'b'], ['1,2', '3']]);
    expect(titleFromFileName('dir/013-roi-clerk.txt')).toBe('roi clerk');
  });
});
