/**
 * What the normalizer should read of an email body: the writer's own words, without the quoted message they answer
 * ("On … wrote:", "Pada … menulis:", "> " lines, Outlook's "-----Original Message-----") and without their
 * signature ("-- "). The thread keeps the full text; only the normalizer reads this.
 */

/** Lines that introduce a quoted earlier message: everything from here on is the other message. */
const REPLY_HEADERS: RegExp[] = [
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  /^\s*Pada\b.{0,300}\bmenulis:\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb\b.{0,100}:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Pesan Asli|Pesan asli)\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
];

/** Lines that introduce a forwarded message: its content may be what the writer wants us to read. */
const FORWARD_MARKERS: RegExp[] = [
  /^\s*-{2,}\s*(Forwarded message|Pesan yang diteruskan|Pesan terusan)\s*-{2,}\s*$/i,
  /^\s*Begin forwarded message:\s*$/i,
  /^\s*-{2,}\s*Weitergeleitete Nachricht\s*-{2,}\s*$/i,
];

/** Header lines of a forwarded or quoted block ("From: …", "Dari: …", "Subject: …"). */
const BLOCK_HEADER = /^\s*(From|Dari|Date|Tanggal|Sent|Dikirim|Subject|Subjek|Perihal|To|Kepada|Cc):/i;

/**
 * Strips quotes and the signature. A forward with words of its own above the marker keeps only those words;
 * a bare forward ("Fwd:" with nothing added) keeps the forwarded text, minus its header lines, since that text
 * is then the message.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const own: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '-- ' || line === '--') break; // RFC 3676 signature separator
    if (REPLY_HEADERS.some((re) => re.test(line))) break;
    // Gmail wraps long "On … wrote:" lines: the header ends on the next line.
    if (/^\s*(On|Pada)\b/i.test(line) && REPLY_HEADERS.some((re) => re.test(`${line} ${lines[i + 1] ?? ''}`))) break;
    if (FORWARD_MARKERS.some((re) => re.test(line))) {
      if (own.join('').trim().length > 0) break;
      return forwardedContent(lines.slice(i + 1));
    }
    if (/^\s*>/.test(line)) continue;
    own.push(line);
  }
  return tidy(own);
}

function forwardedContent(lines: string[]): string {
  const out: string[] = [];
  let inHeader = true;
  for (const raw of lines) {
    const line = raw.replace(/^\s*>\s?/, '');
    if (inHeader && (BLOCK_HEADER.test(line) || line.trim() === '')) continue;
    inHeader = false;
    if (line === '-- ' || line === '--') break;
    out.push(line);
  }
  return tidy(out);
}

function tidy(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
