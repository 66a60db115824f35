/** Builds test emails (RFC 822 text) for the email channel's tests. */

export interface Part {
  type: string;
  body?: string;
  filename?: string;
  content?: Buffer;
  inlineCid?: string;
}

export interface MailSpec {
  headers?: Record<string, string>;
  body?: string;
  multipart?: Part[];
}

let counter = 0;

/** A message with sensible defaults (From, To, Subject, Date, Message-ID); headers override them. */
export function mail(spec: MailSpec = {}): string {
  counter += 1;
  const headers: Record<string, string> = {
    // One resident each: the same sender's second report within hours would join the first one's thread.
    From: `Warga Palopo <warga${counter}@example.org>`,
    To: 'lapor@kesbang.example',
    Subject: 'Laporan warga',
    Date: new Date().toUTCString(),
    'Message-ID': `<m${counter}.${Date.now()}.${Math.random().toString(36).slice(2)}@example.org>`,
    'MIME-Version': '1.0',
    ...spec.headers,
  };
  let body = spec.body ?? 'Ada tawuran di Kel. Ponjalae tadi malam.';
  if (spec.multipart) {
    const boundary = `b-${counter}`;
    headers['Content-Type'] = `multipart/mixed; boundary="${boundary}"`;
    body = `${spec.multipart
      .map((p) => {
        const lines = [`--${boundary}`, `Content-Type: ${p.type}${p.filename ? `; name="${p.filename}"` : ''}`];
        if (p.content) {
          lines.push('Content-Transfer-Encoding: base64');
          lines.push(
            p.inlineCid
              ? `Content-Disposition: inline; filename="${p.filename}"\r\nContent-ID: <${p.inlineCid}>`
              : `Content-Disposition: attachment; filename="${p.filename}"`,
          );
          return `${lines.join('\r\n')}\r\n\r\n${p.content.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`;
        }
        return `${lines.join('\r\n')}\r\n\r\n${p.body ?? ''}\r\n`;
      })
      .join('')}--${boundary}--\r\n`;
  }
  const head = Object.entries(headers)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return `${head}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`;
}

/** Multipart nested 3,000 levels deep: mailparser gives up on it, so the message is stored as unreadable. */
export function parserBreakingMail(messageId: string): string {
  const parts = Array.from(
    { length: 3000 },
    (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`,
  ).join('');
  return `From: a@example.org\r\nMessage-ID: <${messageId}>\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n${parts}`;
}
