// Small numeric helpers: pay periods and great-circle distance.
import type { SalaryPeriod } from '@himatch/core';

/** Full-time equivalents: 2,080 hours, 260 days, 52 weeks, 12 months a year. */
const PER_YEAR: Readonly<Record<SalaryPeriod, number>> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

export function annualize(amount: number, period: SalaryPeriod): number {
  return amount * PER_YEAR[period];
}

export function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

const EARTH_RADIUS_MILES = 3958.8;

/** Haversine distance in miles between points given in radians, with cos(lat) precomputed. */
export function haversineMiles(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number): number {
  const sinLat = Math.sin((lat2 - lat1) / 2);
  const sinLon = Math.sin((lon2 - lon1) / 2);
  const a = sinLat * sinLat + cos1 * cos2 * sinLon * sinLon;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}
