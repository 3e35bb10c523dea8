import { describe, expect, it } from 'vitest';
import { coverageDateTime } from '../../../lib/messaging/dates';
import { toRequestBody, validateDraft, formFromSchema } from '../../../lib/messaging/form';
import { MARKETPLACES, MARKETPLACE_TIME_ZONES, marketplaceTimeZone } from '../../../lib/marketplaces';

describe('warranty days are whole days in the marketplace\'s time zone', () => {
  it.each([
    // A day picked in the US begins at midnight in Los Angeles, which is 08:00 UTC in winter…
    ['2026-03-01', 'start', 'America/Los_Angeles', '2026-03-01T08:00:00.000Z'],
    // …and ends at 23:59:59 that day there, the next morning in UTC (daylight saving: UTC−7).
    ['2027-03-31', 'end', 'America/Los_Angeles', '2027-04-01T06:59:59.000Z'],
    // The day daylight saving starts in the US, and the day it ends in Germany.
    ['2026-03-08', 'end', 'America/Los_Angeles', '2026-03-09T06:59:59.000Z'],
    ['2026-10-25', 'start', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-25', 'end', 'Europe/Berlin', '2026-10-25T22:59:59.000Z'],
    ['2026-12-01', 'start', 'Asia/Tokyo', '2026-11-30T15:00:00.000Z'],
    ['2026-12-01', 'end', 'UTC', '2026-12-01T23:59:59.000Z'],
  ] as const)('%s as the %s in %s is %s', (day, edge, zone, expected) => {
    expect(coverageDateTime(day, edge, zone)).toBe(expected);
  });

  it('takes a full date-time as given', () => {
    expect(coverageDateTime('2028-11-22T12:30:00+02:00', 'end', 'America/Los_Angeles')).toBe('2028-11-22T10:30:00.000Z');
  });

  it('sends the US warranty from the start of its first day to the end of its last, Los Angeles time', () => {
    const body = toRequestBody('warranty', { attachments: [], dates: { coverageStartDate: '2026-03-01', coverageEndDate: '2027-03-31' } }, [], marketplaceTimeZone('ATVPDKIKX0DER'));
    expect(body).toEqual({ coverageStartDate: '2026-03-01T08:00:00.000Z', coverageEndDate: '2027-04-01T06:59:59.000Z' });
  });

  it('accepts one whole day (the same day as start and end) and refuses an end before the start', () => {
    const schema = { properties: { attachments: { type: 'array', minItems: 1 }, coverageStartDate: { type: 'string', format: 'date-time' }, coverageEndDate: { type: 'string', format: 'date-time' } } };
    const form = formFromSchema(schema, 'warranty');
    const files = [{ fileName: 'w.pdf', size: 10, type: 'application/pdf' }];
    const check = (start: string, end: string) => validateDraft(form, schema, { attachments: files, dates: { coverageStartDate: start, coverageEndDate: end } }, { timeZone: 'America/Los_Angeles' });
    expect(check('2026-03-01', '2026-03-01').ok).toBe(true);
    expect(check('2026-03-02', '2026-03-01').problems.map((p) => p.key)).toEqual(['msg_problem_date_end_before_start']);
  });

  it('knows a valid IANA time zone for every marketplace', () => {
    for (const m of MARKETPLACES) {
      const zone = MARKETPLACE_TIME_ZONES[m.id];
      expect(zone, m.country).toBeDefined();
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    }
  });
});
