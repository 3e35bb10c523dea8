/**
 * Warranty coverage dates. The seller picks them with a date input (`YYYY-MM-DD`) or gives a full
 * RFC 3339 date-time; the warranty operation declares `date-time`, so everything leaves here as an
 * ISO string in UTC, a picked day standing for the whole day in the marketplace's time zone.
 * Impossible dates (30 February) are refused rather than rolled over.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** Milliseconds since the epoch, or undefined for anything that is not a real calendar date. */
export function parseDate(value: string): number | undefined {
  const v = value.trim();
  const m = DATE_ONLY.exec(v) ?? DATE_TIME.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1, 7).map((x) => x ?? '0');
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
  if (DATE_ONLY.test(v)) return probe.getTime();
  // Date.parse wants an upper-case "T" and "Z"; a time without an offset is taken as UTC.
  const norm = v.replace(/^(.{10})[Tt ]/, '$1T').replace(/z$/, 'Z');
  const iso = m[8] ? norm : `${norm}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The offset of `timeZone` from UTC at the instant `ms`, in milliseconds (positive east of Greenwich). */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the clocks of `timeZone` show the given wall time. */
export function wallTimeToInstant(year: number, month: number, day: number, h: number, mi: number, s: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, h, mi, s);
  // Two rounds settle the offset across a daylight-saving change.
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return instant;
}

export type CoverageEdge = 'start' | 'end';

/**
 * A coverage date as the instant it stands for. A date picked as a day means the whole day in the
 * marketplace's time zone: the start is that day's 00:00:00, the end that day's 23:59:59 (not midnight
 * UTC at its start, which is still the day before in the Americas). A full date-time is taken as given.
 */
export function coverageInstant(value: string, edge: CoverageEdge, timeZone: string): number | undefined {
  const v = value.trim();
  const day = DATE_ONLY.exec(v);
  if (!day || parseDate(v) === undefined) return parseDate(v);
  const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
  return edge === 'start' ? wallTimeToInstant(y, m, d, 0, 0, 0, timeZone) : wallTimeToInstant(y, m, d, 23, 59, 59, timeZone);
}

/** RFC 3339 date-time in UTC of a coverage date, the format the warranty operation declares. */
export function coverageDateTime(value: string, edge: CoverageEdge, timeZone: string): string | undefined {
  const ms = coverageInstant(value, edge, timeZone);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
