/** Registered reporters (RT/RW heads, lurah offices, FKDM members) and how staff name them: "Ketua RT 02/RW 01 Ponjalae". */

export const REPORTER_ROLES = ['ketua_rt', 'ketua_rw', 'lurah', 'fkdm'] as const;
export type ReporterRole = (typeof REPORTER_ROLES)[number];

export const REPORTER_ROLE_LABELS: Record<ReporterRole, string> = {
  ketua_rt: 'Ketua RT',
  ketua_rw: 'Ketua RW',
  lurah: 'Kantor Lurah',
  fkdm: 'Anggota FKDM',
};

export interface ReporterArea {
  role: ReporterRole;
  kelurahan: string;
  rt: string | null;
  rw: string | null;
}

/** RT and RW are stored without leading zeros ("2"); people write them with two digits ("02"). */
function twoDigits(n: string): string {
  return n.padStart(2, '0');
}

/** "Ketua RT 02/RW 01 Ponjalae", "Ketua RW 01 Ponjalae", "Kantor Lurah Ponjalae", "Anggota FKDM Ponjalae". */
export function reporterLabel(r: ReporterArea): string {
  if (r.role === 'ketua_rt' && r.rt)
    return `Ketua RT ${twoDigits(r.rt)}${r.rw ? `/RW ${twoDigits(r.rw)}` : ''} ${r.kelurahan}`;
  if (r.role === 'ketua_rw' && r.rw) return `Ketua RW ${twoDigits(r.rw)} ${r.kelurahan}`;
  return `${REPORTER_ROLE_LABELS[r.role]} ${r.kelurahan}`;
}
