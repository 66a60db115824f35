import { inboundJobId, outboundJobId } from '../../src/queues/job-ids';

describe('job ids', () => {
  test.each([
    ['Twilio MessageSid', 'whatsapp', 'SM0123456789abcdef0123456789abcdef'],
    ['SMSSync message_id that is a bare integer', 'sms', '12345'],
    ['Message-ID with colons and angle brackets', 'email', '<CAF:x=y@mail.gmail.com>'],
    ['very long Message-ID', 'email', `${'a'.repeat(300)}@example.org`],
  ])('%s gives an id BullMQ accepts', (_label, channel, externalId) => {
    const id = inboundJobId(channel, externalId);
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
    expect(id.length).toBeLessThanOrEqual(120);
    expect(inboundJobId(channel, externalId)).toBe(id);
  });

  test('different messages get different ids, the same message the same id', () => {
    expect(inboundJobId('email', '<a@x>')).not.toBe(inboundJobId('email', '<b@x>'));
    expect(inboundJobId('sms', '1')).not.toBe(inboundJobId('whatsapp', '1'));
    expect(outboundJobId('42')).toBe('out-42');
  });
});
