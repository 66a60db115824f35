/** The email preparer: what staff see in the thread and what the normalizer reads, for the mail people send. */

import { sourceHash } from '../../../src/channels/email/email-identity';
import { prepareEmail } from '../../../src/channels/email/email-preparer';
import { buildRawEmail } from '../../../src/channels/email/raw-email';
import { UnreadableMessageError } from '../../../src/core/prepared-message';
import { mail } from './mail-fixtures';

const CAPS = { perFile: 1000, perMessage: 1500 };
const prepare = (source: string | Buffer, caps = CAPS) =>
  prepareEmail(buildRawEmail({ provider: 'import', source: Buffer.from(source) }), caps);

describe('charsets', () => {
  const cases: Array<{ label: string; source: Buffer; expected: RegExp }> = [
    {
      label: 'iso-8859-1 quoted-printable',
      source: Buffer.from(
        mail({
          headers: {
            'Content-Type': 'text/plain; charset=iso-8859-1',
            'Content-Transfer-Encoding': 'quoted-printable',
          },
          body: 'Caf=E9 di Jl. Andi Djemma terbakar',
        }),
      ),
      expected: /Café di Jl\. Andi Djemma terbakar/,
    },
    {
      label: 'windows-1252 8bit smart quotes',
      source: Buffer.concat([
        Buffer.from(
          mail({
            headers: { 'Content-Type': 'text/plain; charset=windows-1252', 'Content-Transfer-Encoding': '8bit' },
            body: '',
          }),
        ),
        Buffer.from([
          0x93, 0x54, 0x61, 0x77, 0x75, 0x72, 0x61, 0x6e, 0x94, 0x20, 0x96, 0x20, 0x6d, 0x61, 0x6c, 0x61, 0x6d,
        ]),
      ]),
      expected: /“Tawuran” – malam/,
    },
    {
      label: 'an unknown charset is read as well as it can be, never refused',
      source: Buffer.from(
        mail({ headers: { 'Content-Type': 'text/plain; charset=x-nonsense-42' }, body: 'Ada tawuran di Ponjalae' }),
      ),
      expected: /Ada tawuran di Ponjalae/,
    },
    {
      label: 'an encoded-word subject',
      source: Buffer.from(mail({ headers: { Subject: '=?UTF-8?B?TGFwb3JhbiBrZXJ1c3VoYW4=?=' }, body: 'isi' })),
      expected: /isi/,
    },
  ];
  test.each(cases)('$label', async ({ source, expected }) => {
    const p = await prepare(source);
    expect(p.body).toMatch(expected);
    expect(p.input.text).toMatch(expected);
  });

  test('encoded-word header values reach the normalizer decoded', async () => {
    const p = await prepare(mail({ headers: { Subject: '=?UTF-8?B?TGFwb3JhbiBrZXJ1c3VoYW4=?=' }, body: 'isi' }));
    expect(p.input.subject).toBe('Laporan kerusuhan');
    expect(p.input.headers?.subject).toBe('Laporan kerusuhan');
  });
});

describe('html', () => {
  const html = `<html><head><style>body{background:url(http://t.example/p.gif)}</style><script>alert(1)</script></head>
<body onload="steal()"><p>Ada <b>demo</b> di depan kantor walikota.</p>
<img src="http://tracker.example/pixel.gif" width="1"><img src="cid:foto1@x" alt="foto">
<a href="javascript:alert(1)">klik</a><a href="https://palopokota.go.id">situs</a></body></html>`;

  test('HTML-only mail is read as text by the normalizer and shown sanitized to staff', async () => {
    const p = await prepare(mail({ headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }));
    expect(p.input.text).toMatch(/Ada DEMO di depan kantor walikota|Ada demo di depan kantor walikota/i);
    expect(p.html).toContain('<b>demo</b>');
    for (const banned of ['<script', 'onload', 'tracker.example', 'javascript:', 'steal', '<style', 't.example']) {
      expect(p.html).not.toContain(banned);
    }
    expect(p.html).toContain('src="cid:foto1@x"');
    expect(p.html).toMatch(/href="https:\/\/palopokota\.go\.id"[^>]*rel="noopener noreferrer nofollow"/);
  });
});

describe('quotes and signatures are left out of what the normalizer reads, kept in the thread', () => {
  const cases = [
    {
      label: 'Gmail English',
      body: 'Sudah ada polisi di lokasi.\n\nOn Mon, 3 Jun 2024 at 10:00, Kesbangpol <lapor@kesbang.example> wrote:\n> Terima kasih, laporan Anda HK-7Q3F2K\n',
      own: 'Sudah ada polisi di lokasi.',
    },
    {
      label: 'Gmail Indonesian',
      body: 'Massa sudah bubar.\n\nPada tanggal Sen, 3 Jun 2024 pukul 10.00 Kesbangpol <lapor@kesbang.example> menulis:\n> isi lama\n',
      own: 'Massa sudah bubar.',
    },
    {
      label: 'bare ">" quote lines and a signature',
      body: '> pesan lama\nTawuran lagi di Jl. Sungai Pareman\n-- \nBudi, Ketua RT 02\n0812-0000-0000\n',
      own: 'Tawuran lagi di Jl. Sungai Pareman',
    },
    {
      label: 'Outlook original message',
      body: 'Mohon ditindaklanjuti.\n\n-----Original Message-----\nFrom: x\nSubject: y\n\nisi lama',
      own: 'Mohon ditindaklanjuti.',
    },
    {
      label: 'a bare forward keeps the forwarded text, which is then the message',
      body: '---------- Forwarded message ---------\nFrom: Warga <w@example.org>\nDate: Mon\nSubject: lapor\nTo: a@b\n\nAda miras oplosan dijual di Kel. Ponjalae',
      own: 'Ada miras oplosan dijual di Kel. Ponjalae',
    },
  ];
  test.each(cases)('$label', async ({ body, own }) => {
    const p = await prepare(mail({ body }));
    expect(p.input.text).toBe(own);
    expect(p.body).toBe(body.trim());
  });
});

describe('attachments', () => {
  test('kept within the caps per file and per message; inline images kept; the rest listed with the reason', async () => {
    const p = await prepare(
      mail({
        multipart: [
          { type: 'text/plain', body: 'foto terlampir' },
          { type: 'image/png', filename: 'foto.png', content: Buffer.alloc(600, 1), inlineCid: 'foto1@x' },
          { type: 'application/pdf', filename: 'surat.pdf', content: Buffer.alloc(1200, 2) },
          { type: 'image/jpeg', filename: 'b.jpg', content: Buffer.alloc(950, 3) },
          { type: 'image/jpeg', filename: 'c.jpg', content: Buffer.alloc(500, 4) },
        ],
      }),
    );
    const byName = Object.fromEntries(p.attachments.map((a) => [a.filename, a]));
    expect(byName['foto.png']?.content?.length).toBe(600);
    expect(byName['surat.pdf']).toMatchObject({ size: 1200, content: null, error: expect.stringMatching(/per-file/) });
    expect(byName['b.jpg']).toMatchObject({ size: 950, content: null, error: expect.stringMatching(/per-message/) });
    expect(byName['c.jpg']?.content?.length).toBe(500);
  });
});

describe('threading and identity', () => {
  test('Message-ID, In-Reply-To and References reach the thread without brackets, In-Reply-To first', async () => {
    const p = await prepare(
      mail({ headers: { 'Message-ID': '<b@x>', 'In-Reply-To': '<a2@x>', References: '<a1@x>\r\n <a2@x>' }, body: 'x' }),
    );
    expect(p.emailMessageId).toBe('b@x');
    expect(p.inReplyTo).toEqual(['a2@x', 'a1@x']);
  });

  test('a References header of 20,000 ids (a hostile sender) keeps In-Reply-To and the 99 newest ids', async () => {
    const references = Array.from({ length: 20_000 }, (_, i) => `<r${i}@x>`).join(' ');
    const p = await prepare(mail({ headers: { 'In-Reply-To': '<a2@x>', References: references }, body: 'x' }));
    expect(p.inReplyTo).toHaveLength(100);
    expect(p.inReplyTo?.[0]).toBe('a2@x');
    expect(p.inReplyTo?.at(-1)).toBe('r19999@x');
    expect(p.inReplyTo).not.toContain('r0@x');
  });

  test('without a Message-ID the identity is the hash of the source, the same with LF or CRLF line ends', () => {
    const crlf = 'From: a@b\r\nSubject: s\r\n\r\nisi\r\n';
    const lf = crlf.replace(/\r\n/g, '\n');
    const a = buildRawEmail({ provider: 'imap', source: Buffer.from(crlf) });
    const b = buildRawEmail({ provider: 'import', source: Buffer.from(lf) });
    expect(a.externalId).toBe(b.externalId);
    expect(a.externalId).toBe(sourceHash(Buffer.from(crlf)));
  });
});

describe('mail that cannot be read whole', () => {
  test('regression: a message that makes the parser throw is unreadable with the reason, not a crash', async () => {
    const nested = `From: a@b\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n${Array.from(
      { length: 3000 },
      (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`,
    ).join('')}`;
    await expect(prepare(nested)).rejects.toThrow(UnreadableMessageError);
    await expect(prepare(nested)).rejects.toThrow(/email-parse: /);
  });

  test('a message over MAX_EMAIL_BYTES is prepared from its headers, the body says why', async () => {
    const headers = 'From: Camat <camat@example.go.id>\r\nSubject: Laporan lengkap\r\nMessage-ID: <big@x>\r\n\r\n';
    const raw = buildRawEmail({ provider: 'imap', source: Buffer.from(headers), tooLarge: { size: 31 * 1024 * 1024 } });
    expect(raw.rawSource).toBeNull();
    expect(raw.externalId).toBe('big@x');
    const p = await prepareEmail(raw, CAPS);
    expect(p.input.subject).toBe('Laporan lengkap');
    expect(p.body).toMatch(/terlalu besar.*31 MB/);
    expect(p.emailMessageId).toBe('big@x');
  });
});

test('regression: NUL bytes (a real mopera.net bounce) never reach PostgreSQL text or jsonb', async () => {
  const source = 'From: MAILER-DAEMON@x\r\nSubject: fail\u0000ed\r\nMessage-ID: <nul@x>\r\n\r\nbody\u0000text\r\n';
  const raw = buildRawEmail({ provider: 'import', source: Buffer.from(source) });
  expect(JSON.stringify(raw)).not.toContain('\\u0000');
  const p = await prepareEmail(raw, CAPS);
  expect(p.input.subject).toBe('failed');
  expect(p.body).toBe('bodytext');
  expect(JSON.stringify(p.input.headers)).not.toContain('\\u0000');
});
