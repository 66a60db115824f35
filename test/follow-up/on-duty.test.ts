/** Who is on duty at instant T in Asia/Makassar (UTC+8): across midnight, days, exceptions. */
import { type DutyPattern, isOnDuty, nextToEscalate, onDutyAt } from '../../src/follow-up/on-duty';

const TZ = 'Asia/Makassar';
/** A local WITA time as an instant: "2025-05-16 23:30" (Friday). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const person = (p: Partial<DutyPattern>): DutyPattern => ({
  days: [],
  from: null,
  to: null,
  active: true,
  exceptions: [],
  ...p,
});

// 2025-05-12 is a Monday; 2025-05-16 a Friday; 2025-05-17 a Saturday; 2025-05-18 a Sunday.
const office = person({ days: [1, 2, 3, 4, 5], from: '08:00', to: '16:00' });
const fridayNight = person({ days: [5], from: '22:00', to: '06:00' });
const always = person({});
const weekends = person({ days: [6, 7] });

test.each([
  ['office hours, Monday 08:00 (start is inclusive)', office, '2025-05-12 08:00', true],
  ['office hours, Monday 15:59', office, '2025-05-12 15:59', true],
  ['office hours, Monday 16:00 (end is exclusive)', office, '2025-05-12 16:00', false],
  ['office hours, Monday 07:59', office, '2025-05-12 07:59', false],
  ['office hours, Saturday 10:00', office, '2025-05-17 10:00', false],
  ['overnight Friday shift, Friday 21:59', fridayNight, '2025-05-16 21:59', false],
  ['overnight Friday shift, Friday 22:00', fridayNight, '2025-05-16 22:00', true],
  ['overnight Friday shift, Friday 23:59', fridayNight, '2025-05-16 23:59', true],
  ['overnight Friday shift, Saturday 00:00 (past midnight)', fridayNight, '2025-05-17 00:00', true],
  ['overnight Friday shift, Saturday 05:59', fridayNight, '2025-05-17 05:59', true],
  ['overnight Friday shift, Saturday 06:00', fridayNight, '2025-05-17 06:00', false],
  ['overnight Friday shift, Saturday 22:30 (Saturday is not a shift day)', fridayNight, '2025-05-17 22:30', false],
  ['overnight Friday shift, Friday 03:00 (Thursday night is not a shift)', fridayNight, '2025-05-16 03:00', false],
  ['no days, no hours: always on duty (Sunday 03:00)', always, '2025-05-18 03:00', true],
  ['days without hours: the whole Saturday', weekends, '2025-05-17 00:00', true],
  ['days without hours: Sunday 23:59', weekends, '2025-05-18 23:59', true],
  ['days without hours: not Monday 00:00', weekends, '2025-05-19 00:00', false],
  ['inactive people are never on duty', person({ active: false }), '2025-05-12 10:00', false],
  [
    'exception: off on a working day (leave)',
    person({ ...office, exceptions: [{ date: '2025-05-13', onDuty: false, from: null, to: null }] }),
    '2025-05-13 10:00',
    false,
  ],
  [
    'exception: on duty on a Saturday at other hours (a swap)',
    person({ ...office, exceptions: [{ date: '2025-05-17', onDuty: true, from: '18:00', to: '02:00' }] }),
    '2025-05-18 01:30',
    true,
  ],
  [
    'exception off on Friday cancels the overnight shift into Saturday',
    person({ ...fridayNight, exceptions: [{ date: '2025-05-16', onDuty: false, from: null, to: null }] }),
    '2025-05-17 02:00',
    false,
  ],
  [
    'exception on Saturday does not cancel Friday night running into it',
    person({ ...fridayNight, exceptions: [{ date: '2025-05-17', onDuty: false, from: null, to: null }] }),
    '2025-05-17 02:00',
    true,
  ],
  [
    'exception on duty the whole day (no hours)',
    person({ ...office, exceptions: [{ date: '2025-05-18', onDuty: true, from: null, to: null }] }),
    '2025-05-18 23:00',
    true,
  ],
])('%s', (_label, p, local, expected) => {
  expect(isOnDuty(p, at(local), TZ)).toBe(expected);
});

test('the instant is read in TIMEZONE, not in UTC: 15:30 UTC Friday is 23:30 WITA', () => {
  expect(isOnDuty(fridayNight, new Date('2025-05-16T15:30:00Z'), TZ)).toBe(true);
  expect(isOnDuty(fridayNight, new Date('2025-05-16T15:30:00Z'), 'UTC')).toBe(false);
});

describe('roster order', () => {
  const roster = [
    { ...office, id: '1', name: 'Andi' },
    { ...fridayNight, id: '2', name: 'Budi' },
    { ...always, id: '3', name: 'Citra' },
    { ...weekends, id: '4', name: 'Dewi' },
  ];

  test.each([
    ['Monday 10:00', '2025-05-12 10:00', ['Andi', 'Citra']],
    ['Friday 23:00', '2025-05-16 23:00', ['Budi', 'Citra']],
    ['Saturday 03:00', '2025-05-17 03:00', ['Budi', 'Citra', 'Dewi']],
  ])('on duty %s, in roster order', (_label, local, names) => {
    expect(onDutyAt(roster, at(local), TZ).map((p) => p.name)).toEqual(names);
  });

  test.each([
    ['nobody alerted yet: the first on duty', [], '2025-05-12 10:00', 'Andi'],
    ['the on-duty ones come before off-duty ones', ['1'], '2025-05-12 10:00', 'Citra'],
    ['then the roster order, off duty or not', ['1', '3'], '2025-05-12 10:00', 'Budi'],
    ['everyone alerted: nobody left', ['1', '2', '3', '4'], '2025-05-12 10:00', null],
  ])('next to escalate: %s', (_label, alerted, local, name) => {
    expect(nextToEscalate(roster, new Set(alerted), at(local), TZ)?.name ?? null).toBe(name);
  });
});
