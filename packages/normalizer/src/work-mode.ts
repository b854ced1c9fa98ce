import type { WorkMode } from '@himatch/core';

// Onsite, hybrid or remote from the source's own marker, the location line and the title
// first, then the description's phrasing. Rules look at how postings state a workplace
// ("On site at our Houston campus", "3 days in the office, 2 days remote", "Remote – must
// reside in TX"), never at particular employers. Every pattern is linear: bounded windows,
// no nested quantifiers.

const ON = String.raw`on[- ]?site|in[- ]person|in[- ]office|in (?:the|our) office|on campus`;
const DAYS = String.raw`(?:\d|one|two|three|four)(?:\s*(?:-|to|or)\s*(?:\d|two|three|four))?\+? days?`;
const AWAY = String.raw`remote(?:ly)?|from home|telework|wfh`;

/** Remote is ruled out in so many words. */
const REMOTE_NO = new RegExp(String.raw`\b(?:remote job\s*:?\s*no|telework eligible\s*:?\s*no|not (?:a )?remote|no remote|(?:remote|telework)(?: work)? (?:is )?not (?:available|an option|offered|permitted|possible)|not eligible for (?:remote|telework)|(?:${ON}) only|this is an (?:${ON})|(?:${ON}) (?:position|role|job)|must (?:work|be) (?:${ON})|fully (?:${ON})|100% (?:${ON})|work location\s*:\s*(?:one location|in person|multiple locations))\b`);

/** A mix of home and workplace days, or a named hybrid arrangement. "Hybrid Title 38" (a VA hiring authority) and "hybrid records" (paper plus electronic) are not. */
const HYBRID = new RegExp([
  String.raw`\bhybrid (?:role|position|schedule|work|model|opportunity|arrangement|remote)\b`,
  String.raw`\bhybrid\s*[:–—(-]`,
  String.raw`\bhybrid\b(?! title| (?:medical |health )?records?)(?=[^.\n]{0,60}\b(?:${AWAY}|office|${ON}|days?)\b)`,
  String.raw`\b(?:partially|partly|part[- ]time) remote\b`,
  String.raw`\b${DAYS}\b[^.\n]{0,30}\b(?:${ON})\b[^.\n]{0,80}\b(?:${AWAY})\b`,
  String.raw`\b(?:${AWAY})\b[^.\n]{0,80}\b${DAYS}\b[^.\n]{0,30}\b(?:${ON})\b`,
  String.raw`\b(?:${ON})\b[^.\n]{0,60}\b${DAYS} (?:a|per|each) week\b`,
].join('|'));

/** A remote worker is accepted even though an office option exists. */
const REMOTE_EITHER = /\b(?:hybrid or (?:fully )?remote|remote or hybrid|remote unless)\b/;

const REMOTE_YES = /\b(?:fully remote|100% remote|remote[- ]first|permanently remote|work from home|work-from-home|wfh|remote (?:position|role|opportunity|job|work|based|eligible|option)|(?:position|role|job) is (?:fully )?remote|location\s*:\s*remote|remote job\s*:?\s*yes|telecommute|work remotely|remote\s*\(|remote\s*[–—-]|this is a remote)\b/;
/** "Remote" alone, but not remote access, patient monitoring or sites. */
const REMOTE_WORD = /\bremote\b(?! (?:access|patient|monitoring|sites?)\b)/;

/**
 * A stated workplace: "On site at our Houston, TX campus", "works in person at the clinic".
 * "Is located in the HIM Service at the VA Medical Center" describes the organisation, not a
 * work mode (the labelled federal postings say unknown there).
 */
const ONSITE = new RegExp(String.raw`\b(?:${ON})\b|\b(?:report|reports|reporting|work|works|working) (?:daily |in person )?(?:at|to|in) (?:our|the) [^.\n]{0,60}\b(?:campus|hospital|office|facility|clinic|medical center)\b`);

export function detectWorkMode(fields: string, text: string): WorkMode {
  const f = fields.toLowerCase();
  if (/\bhybrid\b/.test(f)) return 'hybrid';
  if (/\bremote\b|\btelework\b|work from home/.test(f)) return 'remote';
  if (new RegExp(String.raw`\b(?:${ON})\b`).test(f)) return 'onsite';
  const t = text.length > 60_000 ? text.slice(0, 60_000).toLowerCase() : text.toLowerCase();
  if (REMOTE_NO.test(t)) return HYBRID.test(t) ? 'hybrid' : 'onsite';
  if (REMOTE_EITHER.test(t)) return 'remote';
  if (HYBRID.test(t)) return 'hybrid';
  if (REMOTE_YES.test(t)) return 'remote';
  if (REMOTE_WORD.test(t)) return 'remote';
  if (ONSITE.test(t)) return 'onsite';
  return 'unknown';
}
