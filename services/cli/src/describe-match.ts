import type { MatchResult } from '@himatch/matcher';

/** One line: the matcher's own summary, cut to fit a table cell. */
export function describeMatch(match: MatchResult, width = 110): string {
  const line = match.summary.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
