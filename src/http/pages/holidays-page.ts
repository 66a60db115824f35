/** /holidays?year=YYYY ("Hari libur"): the national holidays and the admins' own that deadlines skip. */
import type { Holiday } from '../../follow-up/holidays';
import { localClock } from '../../follow-up/local-time';
import { HttpError } from '../http-errors';
import { type Html, html } from './html';

const longDate = new Intl.DateTimeFormat('id-ID', { dateStyle: 'full', timeZone: 'UTC' });

/** The year asked for, or this year in the office's time zone; anything else is a 400 page. */
export function holidayYear(value: unknown, timeZone: string): number {
  if (value === undefined || value === '') return Number(localClock(new Date(), timeZone).date.slice(0, 4));
  if (typeof value !== 'string' || !/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100)
    throw new HttpError(400, 'bad_filter', 'Tahun harus empat angka antara 2000 dan 2100, mis. 2026.');
  return Number(value);
}

export function holidaysBody(year: number, items: Holiday[], admin: boolean): Html {
  return html`<h1>Hari libur ${year}</h1>
<p>Tanggal-tanggal ini tidak dihitung sebagai hari kerja untuk tenggat. Libur nasional dihitung otomatis
(termasuk Idul Fitri, Idul Adha, Nyepi, Waisak dan Imlek); cuti bersama dan libur daerah diisi admin di
${admin ? html`<a href="/admin/settings">Pengaturan</a>` : 'Pengaturan'}.</p>
<nav class="paging" aria-label="Tahun"><a href="/holidays?year=${year - 1}">← ${year - 1}</a> <a href="/holidays?year=${year + 1}">${year + 1} →</a></nav>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><caption class="visually-hidden">Hari libur ${year}</caption>
<thead><tr><th scope="col">Tanggal</th><th scope="col">Keterangan</th></tr></thead>
<tbody>${items.map((h) => html`<tr><td><time datetime="${h.date}">${longDate.format(new Date(`${h.date}T00:00:00Z`))}</time></td><td>${h.name}</td></tr>`)}</tbody></table></div>`;
}
