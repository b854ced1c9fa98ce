// Date helpers. Every date leaves an adapter as an ISO-8601 UTC string.

const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * ISO string for an ISO date, a zoneless timestamp (USAJOBS, some JSON-LD: read as UTC,
 * because the source names no zone), an RFC 822 date (RSS) or epoch milliseconds (Lever).
 */
export function toIso(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return new Date(value).toISOString();
  }
  if (typeof value !== 'string') return null;
  let text = value.trim();
  if (text === '') return null;
  if (DATE_ONLY.test(text)) text = `${text}T00:00:00Z`;
  else if (ZONELESS.test(text)) text = `${trimFraction(text)}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// "2026-06-18T23:59:59.9970" has four fraction digits; Date.parse wants at most three.
function trimFraction(text: string): string {
  return text.replace(/\.(\d{1,3})\d*$/, '.$1');
}

/**
 * Workday's `postedOn` prose relative to when the page was fetched. "30+ Days Ago" gives
 * the latest date the posting can have (it is at least 30 days old).
 */
export function postedOnToIso(prose: unknown, fetchedAt: string): string | null {
  if (typeof prose !== 'string') return null;
  const base = Date.parse(fetchedAt);
  if (Number.isNaN(base)) return null;
  const text = prose.toLowerCase();
  let days: number | null = null;
  if (/\btoday\b|\bjust posted\b/.test(text)) days = 0;
  else if (/\byesterday\b/.test(text)) days = 1;
  else {
    const match = /(\d+)\+?\s*days?\s+ago/.exec(text);
    if (match) days = Number(match[1]);
  }
  if (days === null) return null;
  const day = new Date(base - days * 86_400_000);
  return `${day.toISOString().slice(0, 10)}T00:00:00.000Z`;
}
