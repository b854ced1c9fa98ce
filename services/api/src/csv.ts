import type { ListingFilter, ListingSearchRepository, ListingSort, ListingSummary, SearchCursor } from '@himatch/db';

type Cell = string | number | null | undefined;

const COLUMNS: { header: string; cell: (l: ListingSummary) => Cell }[] = [
  { header: 'id', cell: (l) => l.id },
  { header: 'title', cell: (l) => l.title },
  { header: 'employer', cell: (l) => l.employer },
  { header: 'role', cell: (l) => l.role },
  { header: 'work_mode', cell: (l) => l.workMode },
  { header: 'employment_type', cell: (l) => l.employmentType },
  { header: 'state', cell: (l) => l.region },
  { header: 'required_credentials', cell: (l) => l.requiredCredentials.join(' ') },
  { header: 'accepted_credentials', cell: (l) => l.acceptedCredentials.join(' ') },
  { header: 'min_education', cell: (l) => l.minEducation },
  { header: 'salary_annual_min', cell: (l) => l.salaryAnnualMin },
  { header: 'salary_annual_max', cell: (l) => l.salaryAnnualMax },
  { header: 'posted_at', cell: (l) => l.postedAt?.toISOString() },
  { header: 'closes_at', cell: (l) => l.closesAt?.toISOString() },
  { header: 'status', cell: (l) => l.status },
  { header: 'apply_url', cell: (l) => l.applyUrl },
  // Appended, so the columns before keep their places for existing readers.
  { header: 'states', cell: (l) => l.regions.join(' ') },
  { header: 'remote_states', cell: (l) => l.remoteRegions.join(' ') },
  { header: 'remote_excluded_states', cell: (l) => l.remoteExcludedRegions.join(' ') },
  { header: 'federal_series', cell: (l) => l.federalSeries.join(' ') },
  { header: 'federal_grade_low', cell: (l) => l.federalGradeLow },
  { header: 'federal_grade_high', cell: (l) => l.federalGradeHigh },
];

/**
 * One CSV cell. A text cell starting with = + - @ (or tab / CR, which some spreadsheets
 * strip first) would run as a formula when opened: it is prefixed with a quote (OWASP).
 * Numbers are written as numbers, so negative amounts stay numeric.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly Cell[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** The search as CSV lines, read in keyset pages so memory stays flat however many rows. */
export async function* listingsToCsv(
  search: ListingSearchRepository, filter: ListingFilter, sort: ListingSort, maxRows: number, pageSize = 1000,
): AsyncGenerator<string> {
  yield csvRow(COLUMNS.map((c) => c.header));
  let written = 0;
  let after: SearchCursor | undefined;
  while (written < maxRows) {
    const page = await search.search(filter, sort, Math.min(pageSize, maxRows - written), after);
    yield page.items.map((l) => csvRow(COLUMNS.map((c) => c.cell(l)))).join('');
    written += page.items.length;
    if (!page.next) return;
    after = page.next;
  }
}
