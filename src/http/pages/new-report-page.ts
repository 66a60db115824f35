/**
 * /incidents/new ("Catat laporan"): a report taken by phone or at the desk. As staff type, new-report.js asks
 * `POST /api/incidents/preview` what the normalizer reads and fills the fields staff have not changed; staff
 * confirm or change each one, then `POST /api/incidents` stores it through the inbound pipeline.
 */
import { randomUUID } from 'node:crypto';
import { CATEGORIES, CATEGORY_LABELS, PRIORITIES } from '../../core/normalized-message';
import type { Gazetteer } from '../../normalize/gazetteer';
import { offsetMinutes } from '../../shared/zone-offset';
import { PRIORITY_LABELS } from '../labels';
import { type Html, html } from './html';

const pad = (n: number) => String(n).padStart(2, '0');

/** "+08:00" for Asia/Makassar: the form's local times are the office's, whatever the browser's zone. */
export function zoneOffset(at: Date, timeZone: string): string {
  const minutes = offsetMinutes(at.getTime(), timeZone);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-11-29T21:05": a datetime-local value in the office's time zone. */
function localInput(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetMinutes(at.getTime(), timeZone) * 60000);
  return local.toISOString().slice(0, 16);
}

/** A field the normalizer fills: its control, and a line saying what the system read and whether staff changed it. */
function readField(id: string, label: string, control: Html, help: string): Html {
  return html`<div class="field read-field" data-field="${id}">
  <label for="${id}">${label}</label>${control}
  <p class="hint" id="${id}-read" aria-live="polite">${help}</p>
</div>`;
}

export function newReportBody(gazetteer: Gazetteer, timeZone: string, now = new Date()): Html {
  const villages = gazetteer.kecamatan.map((k) => ({
    k,
    villages: gazetteer.kelurahan.filter((v) => v.kecamatanCode === k.code),
  }));
  return html`<link rel="stylesheet" href="/assets/forms.css">
<h1>Catat laporan</h1>
<p class="lead">Untuk laporan yang diterima lewat telepon atau yang disampaikan langsung di kantor. Ketik isi laporan;
sistem membaca kategori, lokasi, prioritas dan waktu. Periksa setiap isian dan ubah bila keliru sebelum menyimpan.</p>
<form id="new-report" class="card new-report" aria-label="Catat laporan" novalidate
  data-offset="${zoneOffset(now, timeZone)}">
  <input type="hidden" name="submissionId" value="${randomUUID()}">
  <fieldset><legend>Diterima lewat</legend>
    <label class="choice"><input type="radio" name="channel" value="phone" checked> Telepon</label>
    <label class="choice"><input type="radio" name="channel" value="walk_in"> Datang langsung</label>
  </fieldset>
  <div class="field wide"><label for="r-text">Isi laporan</label>
    <textarea id="r-text" name="text" rows="6" required maxlength="4000" aria-describedby="r-text-help"></textarea>
    <p class="hint" id="r-text-help">Tulis apa yang terjadi, di mana (kelurahan, RT/RW, patokan) dan kapan, dengan kata-kata pelapor.</p></div>
  <div class="field"><label for="r-phone">Nomor telepon pelapor (boleh kosong)</label>
    <input id="r-phone" name="reporterPhone" type="tel" inputmode="tel" autocomplete="off" placeholder="0812 3456 7890"></div>
  <div class="field"><label for="r-name">Nama pelapor (boleh kosong)</label>
    <input id="r-name" name="reporterName" autocomplete="off"></div>
  <div class="field"><label for="r-received">Waktu laporan diterima</label>
    <input id="r-received" name="receivedAt" type="datetime-local" value="${localInput(now, timeZone)}" required></div>

  <h2 id="h-read">Yang dibaca sistem</h2>
  <p class="hint" id="read-state" role="status" aria-live="polite">Mulai ketik isi laporan; sistem akan mengisi bagian ini.</p>
  <div class="read-grid" aria-labelledby="h-read">
  ${readField(
    'r-category',
    'Kategori',
    html`<select id="r-category" name="category" aria-describedby="r-category-read"><option value="">(belum jelas)</option>${CATEGORIES.map(
      (c) => html`<option value="${c}">${CATEGORY_LABELS[c]}</option>`,
    )}</select>`,
    'Belum dibaca.',
  )}
  ${readField(
    'r-priority',
    'Prioritas',
    html`<select id="r-priority" name="priority" aria-describedby="r-priority-read">${PRIORITIES.map(
      (p) => html`<option value="${p}"${p === 'normal' ? html` selected` : ''}>${PRIORITY_LABELS[p]}</option>`,
    )}</select>`,
    'Belum dibaca.',
  )}
  ${readField(
    'r-kelurahan',
    'Kelurahan',
    html`<select id="r-kelurahan" name="location.kelurahanCode" aria-describedby="r-kelurahan-read"><option value="">(belum jelas)</option>${villages.map(
      ({ k, villages: vs }) =>
        html`<optgroup label="Kec. ${k.name}">${vs.map((v) => html`<option value="${v.code}">${v.name}</option>`)}</optgroup>`,
    )}</select>`,
    'Belum dibaca.',
  )}
  ${readField(
    'r-rt',
    'RT',
    html`<input id="r-rt" name="location.rt" inputmode="numeric" maxlength="3" aria-describedby="r-rt-read">`,
    'Belum dibaca.',
  )}
  ${readField(
    'r-rw',
    'RW',
    html`<input id="r-rw" name="location.rw" inputmode="numeric" maxlength="3" aria-describedby="r-rw-read">`,
    'Belum dibaca.',
  )}
  ${readField(
    'r-occurred',
    'Waktu kejadian',
    html`<input id="r-occurred" name="occurredAt" type="datetime-local" aria-describedby="r-occurred-read">`,
    'Belum dibaca.',
  )}
  </div>
  <p class="hint">Isian yang Anda ubah disimpan sebagai koreksi petugas; yang tidak diubah mengikuti bacaan sistem.</p>

  <div class="field wide"><label class="choice"><input type="checkbox" id="r-send" name="sendCode" disabled>
    Kirim kode laporan ke pelapor lewat SMS</label>
    <p class="hint" id="r-send-help">Bisa dipilih bila nomor telepon diisi. Pelapor menerima kode untuk menanyakan perkembangan.</p></div>
  <div class="buttons"><button type="submit">Simpan laporan</button> <a href="/incidents">Batal</a></div>
  <p class="form-error" role="alert"></p>
</form>
<script src="/assets/new-report.js" defer></script>`;
}
