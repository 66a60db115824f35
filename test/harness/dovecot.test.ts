/** The Dovecot harness itself: the IMAP tests of the email channel stand on it. */
import { startDovecot } from '../helpers/dovecot';

test('a private dovecot accepts mail and keeps it across a crash and restart', async () => {
  const dovecot = await startDovecot();
  try {
    await dovecot.deliver(
      'From: a@example.org\r\nTo: lapor@example.org\r\nSubject: hi\r\nMessage-ID: <1@x>\r\n\r\nisi\r\n',
    );
    const first = await dovecot.client();
    const status = await first.status('INBOX', { messages: true, uidValidity: true, uidNext: true });
    if (!status) throw new Error('no STATUS answer');
    expect(status.messages).toBe(1);
    expect(typeof status.uidValidity).toBe('bigint');
    await first.logout();
    await dovecot.kill();
    await dovecot.start();
    const second = await dovecot.client();
    const after = await second.status('INBOX', { messages: true });
    if (!after) throw new Error('no STATUS answer');
    expect(after.messages).toBe(1);
    await second.logout();
  } finally {
    await dovecot.destroy();
  }
});
