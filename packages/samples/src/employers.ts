import type { BoardInfo, BoardKey } from './types.ts';
import { CITIES, type City } from './cities.ts';

// The sample boards and the employers whose own board each is. Multi-employer feeds also
// receive cross-board duplicates and staffing-agency reposts.

export const BOARDS: readonly BoardInfo[] = [
  { key: 'mercy-valley', kind: 'jsonld-site', name: 'Mercy Valley Health careers', slug: 'mercy-valley', multiEmployer: false },
  { key: 'gh-northstar', kind: 'greenhouse', name: 'Northstar Coding Solutions (Greenhouse)', slug: 'northstarcoding', multiEmployer: false },
  { key: 'gh-brightpath', kind: 'greenhouse', name: 'BrightPath Health Partners (Greenhouse)', slug: 'brightpathhealth', multiEmployer: false },
  { key: 'lever-lakeshore', kind: 'lever', name: 'Lakeshore Health System (Lever)', slug: 'lakeshore-health', multiEmployer: false },
  { key: 'ashby-clarion', kind: 'ashby', name: 'Clarion Health Analytics (Ashby)', slug: 'clarion-health', multiEmployer: false },
  { key: 'sr-sunbelt', kind: 'smartrecruiters', name: 'Sunbelt Medical Group (SmartRecruiters)', slug: 'SunbeltMedicalGroup', multiEmployer: false },
  { key: 'wd-riverbend', kind: 'workday', name: 'Riverbend Health (Workday)', slug: 'riverbend', multiEmployer: false },
  { key: 'icims-cedar', kind: 'icims', name: 'Cedar Ridge Medical Center (iCIMS)', slug: 'cedarridge', multiEmployer: false },
  { key: 'usajobs', kind: 'usajobs', name: 'USAJOBS (sample)', slug: 'usajobs', multiEmployer: true },
  { key: 'rss-hitjobs', kind: 'rss', name: 'HIT Jobs Weekly (RSS)', slug: 'hitjobs', multiEmployer: true, variant: 'rss' },
  { key: 'atom-harbor', kind: 'rss', name: 'Harbor Point Health (Atom)', slug: 'harborpoint', multiEmployer: false, variant: 'atom' },
  { key: 'indeed-feed', kind: 'indeed-xml', name: 'Summit Care Network job feed (Indeed XML)', slug: 'summitcare', multiEmployer: true },
];

export interface Employer {
  readonly name: string;
  readonly homeBoard: BoardKey;
  readonly setting: 'hospital' | 'vendor' | 'payer' | 'physician_practice' | 'nursing_care' | 'federal' | 'military';
  readonly cities: readonly City[];
  readonly blurb: string;
  readonly reqPrefix: string;
}

function cities(...names: string[]): City[] {
  return names.map((name) => {
    const found = CITIES.find((c) => c.city === name);
    if (!found) throw new Error(`unknown city ${name}`);
    return found;
  });
}

const e = (name: string, homeBoard: BoardKey, setting: Employer['setting'], cityList: readonly City[], reqPrefix: string, blurb: string): Employer =>
  ({ name, homeBoard, setting, cities: cityList, reqPrefix, blurb });

export const PRIVATE_EMPLOYERS: readonly Employer[] = [
  e('Mercy Valley Health', 'mercy-valley', 'hospital', cities('Houston', 'San Antonio', 'Austin'), 'MVH-',
    'Mercy Valley Health is a not-for-profit system of five acute-care hospitals and 40 clinics across South and Central Texas.'),
  e('Northstar Coding Solutions', 'gh-northstar', 'vendor', cities('Tampa', 'Orlando'), 'NCS-',
    'Northstar Coding Solutions provides outsourced coding, auditing and CDI services to more than 120 hospitals.'),
  e('BrightPath Health Partners', 'gh-brightpath', 'payer', cities('Atlanta', 'Charlotte'), 'BP',
    'BrightPath Health Partners is a Medicare Advantage and Medicaid managed-care plan serving the Southeast.'),
  e('Lakeshore Health System', 'lever-lakeshore', 'hospital', cities('Chicago', 'Milwaukee', 'Grand Rapids'), 'LHS-',
    'Lakeshore Health System is an academic health system with three teaching hospitals around Lake Michigan.'),
  e('Clarion Health Analytics', 'ashby-clarion', 'vendor', cities('Denver', 'Salt Lake City'), 'CHA-',
    'Clarion Health Analytics builds quality-reporting and registry software used by community hospitals.'),
  e('Sunbelt Medical Group', 'sr-sunbelt', 'physician_practice', cities('Phoenix', 'Tucson', 'Las Vegas'), 'SMG',
    'Sunbelt Medical Group is a multispecialty physician group with 300 providers in Arizona and Nevada.'),
  e('Riverbend Health', 'wd-riverbend', 'hospital', cities('Nashville', 'Memphis', 'Birmingham'), 'R',
    'Riverbend Health operates regional medical centers and a children’s hospital in Tennessee and Alabama.'),
  e('Cedar Ridge Medical Center', 'icims-cedar', 'hospital', cities('Cleveland', 'Columbus'), 'CR-',
    'Cedar Ridge Medical Center is a 480-bed Level II trauma center and cancer institute in Ohio.'),
  e('Harbor Point Health', 'atom-harbor', 'hospital', cities('Boston', 'Providence', 'Hartford'), 'HPH',
    'Harbor Point Health is a New England community health system with four hospitals.'),
  e('Summit Care Network', 'indeed-feed', 'nursing_care', cities('Minneapolis', 'Des Moines', 'Omaha'), 'SCN-',
    'Summit Care Network runs skilled-nursing, rehab and home-health services across the Upper Midwest.'),
  e('Prairie Oncology Associates', 'rss-hitjobs', 'physician_practice', cities('Kansas City', 'St. Louis', 'Wichita'), 'POA-',
    'Prairie Oncology Associates is an independent oncology practice with infusion and radiation centers.'),
];

export const VA_EMPLOYER: Employer = e('Department of Veterans Affairs - Veterans Health Administration', 'usajobs', 'federal', CITIES, '',
  'The VA health care system serves Veterans at medical centers and community clinics nationwide.');

export const ANG_EMPLOYER: Employer = e('Air National Guard Units', 'usajobs', 'military', CITIES, '',
  'The Air National Guard Medical Group keeps Airmen medically ready to deploy.');

export const STAFFING_AGENCIES: readonly string[] = ['Apex Health Staffing', 'CodeForce Staffing Partners', 'MedRecords Talent Group'];

export function boardByKey(key: BoardKey): BoardInfo {
  const board = BOARDS.find((b) => b.key === key);
  if (!board) throw new Error(`unknown board ${key}`);
  return board;
}

export function employerByName(name: string): Employer | undefined {
  return [...PRIVATE_EMPLOYERS, VA_EMPLOYER, ANG_EMPLOYER].find((emp) => emp.name === name);
}
