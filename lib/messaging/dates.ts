/**
 * Warranty coverage dates. The seller picks them with a date input (`YYYY-MM-DD`) or gives a full
 * RFC 3339 date-time; the warranty operation declares `date-time`, so everything leaves here as an
 * ISO string in UTC. Impossible dates (30 February) are refused rather than rolled over.
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

/** RFC 3339 date-time in UTC, the format the warranty operation declares. */
export function toDateTime(value: string): string | undefined {
  const ms = parseDate(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
