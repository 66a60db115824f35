/** What a resident's phone receives: the default texts fit one SMS, counted with Twilio's sms-segments-calculator. */
import { ackText, helpText, statusAnswerText, statusListText } from '../../src/outbound/reporter-texts';
import { gsmFriendly, smsLength } from '../../src/outbound/sms-length';
import { DEFAULT_SETTINGS } from '../../src/settings';

const settings = DEFAULT_SETTINGS;

test('the default acknowledgement with its code is one GSM-7 SMS', () => {
  const text = ackText(settings, 'HK-7Q3F2K');
  expect(text).toBe(
    'Terima kasih, laporan Anda diterima dengan kode HK-7Q3F2K. Kirim "STATUS HK-7Q3F2K" untuk menanyakan perkembangannya. - Kesbangpol Kota Palopo',
  );
  expect(smsLength(text)).toEqual({ characters: 142, encoding: 'GSM-7', parts: 1, nonGsm: [] });
});

test.each(['how_to_report', 'office_hours', 'about'] as const)('the help text %s is one GSM-7 SMS', (topic) => {
  expect(smsLength(helpText(settings, topic))).toMatchObject({ encoding: 'GSM-7', parts: 1 });
});

test('status answers: one report in one SMS; "STATUS" without a code lists up to three, newest first', () => {
  expect(smsLength(statusAnswerText(settings, { reference: 'HK-7Q3F2K', status: 'in_progress' }, null)).parts).toBe(1);
  expect(smsLength(settings.statusNoneText)).toMatchObject({ encoding: 'GSM-7', parts: 1 });
  const list = statusListText(settings, [
    { reference: 'HK-AAAAAA', status: 'in_progress' },
    { reference: 'HK-BBBBBB', status: 'new' },
  ]);
  expect(list).toBe(
    'Laporan Anda: HK-AAAAAA sedang ditindaklanjuti; HK-BBBBBB sudah diterima dan menunggu verifikasi. - Kesbangpol Kota Palopo',
  );
  expect(statusListText(settings, [])).toBe(settings.statusNoneText);
});

test('one curly quote would make the SMS UCS-2 (70 a part): automatic texts are sent in their GSM-7 forms', () => {
  const typed =
    'Terima kasih, laporan Anda diterima dengan kode HK-7Q3F2K. Kirim “STATUS HK-7Q3F2K” untuk menanyakan perkembangannya – Kesbangpol Kota Palopo';
  expect(smsLength(typed)).toMatchObject({ encoding: 'UCS-2', parts: 3 });
  const sent = gsmFriendly(typed);
  expect(sent).toContain('"STATUS HK-7Q3F2K" untuk menanyakan perkembangannya - Kesbangpol');
  expect(smsLength(sent)).toMatchObject({ encoding: 'GSM-7', parts: 1 });
  // Plain text passes unchanged.
  expect(gsmFriendly('Jl. Sam Ratulangi No. 5')).toBe('Jl. Sam Ratulangi No. 5');
});
