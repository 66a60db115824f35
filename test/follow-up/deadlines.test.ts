/** Response-deadline arithmetic in WITA across weekends, holidays and office hours, table-driven. */
import { addTarget, incidentDeadlines, type Target, type WorkCalendar } from '../../src/follow-up/deadlines';

const cal: WorkCalendar = {
  timeZone: 'Asia/Makassar',
  days: [1, 2, 3, 4, 5],
  from: '08:00',
  to: '16:00',
  // Hari Lahir Pancasila falls on a Sunday in 2025; 2025-05-29 (Kenaikan Isa Almasih) is a Thursday.
  holidays: ['2025-05-29', '2025-06-01'],
};
const wita = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const asWita = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

// 2025-05-12 Monday … 2025-05-16 Friday, 2025-05-17/18 weekend.
test.each<[string, string, Target, string]>([
  ['15 minutes of clock time, at night', '2025-05-17 02:00', { minutes: 15 }, '2025-05-17 02:15'],
  ['clock minutes ignore the weekend', '2025-05-16 23:50', { minutes: 15 }, '2025-05-17 00:05'],
  ['1 working day from a Monday morning: close of Tuesday', '2025-05-12 09:00', { workingDays: 1 }, '2025-05-13 16:00'],
  ['1 working day from a Friday: close of Monday', '2025-05-16 10:00', { workingDays: 1 }, '2025-05-19 16:00'],
  ['1 working day from a Saturday: close of Monday', '2025-05-17 10:00', { workingDays: 1 }, '2025-05-19 16:00'],
  [
    '1 working day from Friday night (after hours): close of Monday',
    '2025-05-16 22:00',
    { workingDays: 1 },
    '2025-05-19 16:00',
  ],
  [
    '5 working days from a Monday: close of the next Monday',
    '2025-05-12 09:00',
    { workingDays: 5 },
    '2025-05-19 16:00',
  ],
  ['1 working day before a holiday skips it (Wed → Fri)', '2025-05-28 10:00', { workingDays: 1 }, '2025-05-30 16:00'],
  ['5 working days across a holiday and a weekend', '2025-05-26 10:00', { workingDays: 5 }, '2025-06-03 16:00'],
  ['2 working hours inside office hours', '2025-05-12 09:00', { workingHours: 2 }, '2025-05-12 11:00'],
  ['2 working hours carried over to the next morning', '2025-05-12 15:00', { workingHours: 2 }, '2025-05-13 09:00'],
  ['working hours from before opening start at opening', '2025-05-12 06:00', { workingHours: 1 }, '2025-05-12 09:00'],
  [
    'working hours from a Friday afternoon run into Monday',
    '2025-05-16 15:30',
    { workingHours: 1 },
    '2025-05-19 08:30',
  ],
  [
    'working hours from a Saturday start on Monday morning',
    '2025-05-17 12:00',
    { workingHours: 3 },
    '2025-05-19 11:00',
  ],
  ['working hours skip a holiday', '2025-05-28 15:00', { workingHours: 2 }, '2025-05-30 09:00'],
  ['a full working day of hours ends at closing', '2025-05-12 08:00', { workingHours: 8 }, '2025-05-12 16:00'],
])('%s', (_label, start, target, expected) => {
  expect(asWita(addTarget(wita(start), target, cal))).toBe(expected);
});

test('a calendar without working days is a clear error, not an endless loop', () => {
  expect(() => addTarget(wita('2025-05-12 09:00'), { workingDays: 1 }, { ...cal, days: [] })).toThrow(/no working day/);
});

describe('the target due next', () => {
  const targets = { verify: { minutes: 15 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } };
  const base = {
    receivedAt: wita('2025-05-16 23:00'),
    verifiedAt: null,
    answeredAt: null,
    resolvedAt: null,
  };
  test.each([
    ['new: verification is due first', { ...base, status: 'new' as const }, '2025-05-16 23:15'],
    [
      'verified: the first answer is due next',
      { ...base, status: 'verified' as const, verifiedAt: wita('2025-05-16 23:10') },
      '2025-05-19 16:00',
    ],
    [
      'verified and answered: resolution is due',
      {
        ...base,
        status: 'in_progress' as const,
        verifiedAt: wita('2025-05-16 23:10'),
        answeredAt: wita('2025-05-17 08:00'),
      },
      '2025-05-23 16:00',
    ],
    ['resolved: nothing is due', { ...base, status: 'resolved' as const, resolvedAt: wita('2025-05-18 10:00') }, null],
    ['rejected: nothing is due', { ...base, status: 'rejected' as const }, null],
  ])('%s', (_label, progress, expected) => {
    const d = incidentDeadlines(progress, targets, cal);
    expect(d.dueAt ? asWita(d.dueAt) : null).toBe(expected);
  });
});
