/**
 * What an admin types (API, workspace form, CSV row) → a reporter to register: the phone made E.164, the kelurahan
 * found in the gazetteer by code or by name, RT/RW without leading zeros. Errors are in Bahasa Indonesia: admins
 * read them next to the row they typed.
 */
import { REPORTER_ROLES, type ReporterRole } from '../core/registered-reporter';
import type { NewReporter } from '../db/repos/reporters';
import { foldName, type Gazetteer } from '../normalize/gazetteer';
import { toE164 } from '../shared/phone-number';

export interface ReporterFields {
  name?: unknown;
  phone?: unknown;
  role?: unknown;
  kelurahan?: unknown;
  rt?: unknown;
  rw?: unknown;
}

export type ReporterInputResult = { ok: true; reporter: NewReporter } | { ok: false; error: string };

const ROLE_ALIASES: Record<string, ReporterRole> = {
  ketua_rt: 'ketua_rt',
  rt: 'ketua_rt',
  'ketua rt': 'ketua_rt',
  ketua_rw: 'ketua_rw',
  rw: 'ketua_rw',
  'ketua rw': 'ketua_rw',
  lurah: 'lurah',
  'kantor lurah': 'lurah',
  kelurahan: 'lurah',
  fkdm: 'fkdm',
  'anggota fkdm': 'fkdm',
};

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** "02" → "2"; empty → null; anything but 1–3 digits is an error. */
function neighbourhood(v: unknown, what: string): { value: string | null } | { error: string } {
  const s = text(v);
  if (!s) return { value: null };
  if (!/^\d{1,3}$/.test(s) || Number(s) === 0) return { error: `${what} harus angka 1–999 (mis. 02)` };
  return { value: String(Number(s)) };
}

export function findKelurahan(gazetteer: Gazetteer, value: string) {
  const byCode = gazetteer.kelurahan.find((k) => k.code === value);
  if (byCode) return byCode;
  const folded = foldName(value.replace(/^(?:kel(?:urahan)?|desa)\.?\s+/i, ''));
  const matches = gazetteer.kelurahan.filter((k) => foldName(k.name) === folded);
  return matches.length === 1 ? matches[0] : undefined;
}

export function parseReporterInput(fields: ReporterFields, gazetteer: Gazetteer): ReporterInputResult {
  const name = text(fields.name);
  if (!name || name.length > 200) return { ok: false, error: 'nama wajib diisi (paling panjang 200 huruf)' };
  const phone = toE164(text(fields.phone));
  if (!phone) return { ok: false, error: 'nomor HP tidak dikenali (mis. 0812 3456 7890)' };
  const role = ROLE_ALIASES[text(fields.role).toLowerCase()];
  if (!role) return { ok: false, error: `peran harus salah satu dari ${REPORTER_ROLES.join(', ')}` };
  const kelurahanText = text(fields.kelurahan);
  const village = kelurahanText ? findKelurahan(gazetteer, kelurahanText) : undefined;
  if (!village) return { ok: false, error: `kelurahan "${kelurahanText.slice(0, 60)}" tidak ada di daftar wilayah` };
  const rt = neighbourhood(fields.rt, 'RT');
  if ('error' in rt) return { ok: false, error: rt.error };
  const rw = neighbourhood(fields.rw, 'RW');
  if ('error' in rw) return { ok: false, error: rw.error };
  if (role === 'ketua_rt' && (!rt.value || !rw.value)) return { ok: false, error: 'ketua RT perlu nomor RT dan RW' };
  if (role === 'ketua_rw' && !rw.value) return { ok: false, error: 'ketua RW perlu nomor RW' };
  const kecamatan = gazetteer.kecamatanByCode.get(village.kecamatanCode);
  return {
    ok: true,
    reporter: {
      name,
      phone,
      role,
      kecamatan: kecamatan?.name ?? null,
      kecamatanCode: village.kecamatanCode,
      kelurahan: village.name,
      kelurahanCode: village.code,
      rt: role === 'ketua_rt' ? rt.value : null,
      rw: role === 'ketua_rt' || role === 'ketua_rw' ? rw.value : null,
    },
  };
}
