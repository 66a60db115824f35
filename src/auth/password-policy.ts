/**
 * What a staff password must be: long enough, not blank, not one character repeated, and not one of the passwords
 * every guessing list starts with (a short list, Indonesian favourites included). Answers in Bahasa Indonesia,
 * because staff read it on the users page and in the CLI.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '123456789a',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'abcdefghij',
  'abcd123456',
  'abc1234567',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'katasandi1',
  'katasandi123',
  'rahasia123',
  'rahasia1234',
  'bismillah123',
  'indonesia123',
  'indonesia1945',
  'merdeka1945',
  'admin12345',
  'admin123456',
  'administrator',
  'kesbang123',
  'kesbangpol123',
  'palopo12345',
  'welcome123',
]);

/** Why a password is refused, or null when it may be used. */
export function passwordProblem(password: string): string | null {
  const chars = [...password];
  if (password.trim() === '') return 'Kata sandi tidak boleh kosong atau hanya spasi.';
  if (chars.length < MIN_PASSWORD_LENGTH) return `Kata sandi paling sedikit ${MIN_PASSWORD_LENGTH} karakter.`;
  if (chars.length > MAX_PASSWORD_LENGTH) return `Kata sandi paling banyak ${MAX_PASSWORD_LENGTH} karakter.`;
  if (new Set(chars).size === 1) return 'Kata sandi tidak boleh satu karakter yang diulang.';
  if (COMMON.has(password.trim().toLowerCase())) return 'Kata sandi ini terlalu umum dan mudah ditebak.';
  return null;
}
