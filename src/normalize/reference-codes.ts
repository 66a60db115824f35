/**
 * Reference codes: "HK-" and six Crockford base32 characters (no I, L, O, U). Read case-insensitively, with a
 * dash, a space or nothing between ("hk-7q3f2k", "HK 7Q3F2K", "HK7Q3F2K"); written uppercase with the dash.
 */

/** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Crockford decoding is forgiving: O reads as 0, I and L as 1 (people copy codes by hand).
const CODE_RE = /(?<![a-z0-9])hk([\s-]{0,2})([0-9a-tv-z]{6})(?![a-z0-9])/gi;

/** Every reference code quoted in the text, uppercase with the dash, in order, without duplicates. */
export function findReferenceCodes(text: string): string[] {
  const out: string[] = [];
  CODE_RE.lastIndex = 0;
  for (let m = CODE_RE.exec(text); m; m = CODE_RE.exec(text)) {
    const sep = m[1] ?? '';
    const body = (m[2] ?? '').toUpperCase();
    // After a plain space "HK" could start an ordinary sentence ("hk jadwal…"): require a digit or capitals then.
    if (sep.trim() === '' && sep !== '' && !/\d/.test(body) && m[2] !== body) continue;
    const code = `HK-${body.replace(/O/g, '0').replace(/[IL]/g, '1')}`;
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * A new random code. The randomness comes in as a parameter (e.g. `crypto.randomBytes`) so this stays pure and
 * testable. Each byte picks one of 32 symbols; 256 is a multiple of 32, so there is no modulo bias.
 */
export function newReferenceCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(6);
  if (bytes.length < 6) throw new Error('reference code: randomBytes gave fewer than 6 bytes');
  let code = 'HK-';
  for (let i = 0; i < 6; i++) code += CROCKFORD_ALPHABET[(bytes[i] ?? 0) % 32];
  return code;
}

/** True when the string is a well-formed code as the system writes it ("HK-7Q3F2K"). */
export function isReferenceCode(s: string): boolean {
  return /^HK-[0-9A-HJKMNP-TV-Z]{6}$/.test(s);
}
