/** Workspace parts of the follow-up: the incident's follow-up card, the roster and stakeholder admin pages. */
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../core/normalized-message';
import type { DutyEntry } from '../../db/repos/duty-roster';
import type { Forward } from '../../db/repos/forwards';
import type { Stakeholder } from '../../db/repos/stakeholders';
import { deliveryReason } from '../../follow-up/delivery-reasons';
import type { IncidentDetail } from '../../workspace/incident-detail';
import { CHANNEL_LABELS, DELIVERY_LABELS, formatTime } from '../labels';
import { type Html, html } from './html';

const DAY_NAMES = ['', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'];

/** "Terlambat" / "Tenggat …" badge for the list and the incident page. */
export function dueBadge(dueAt: string | null, timeZone: string, now = new Date()): Html {
  if (!dueAt) return html``;
  const late = new Date(dueAt).getTime() < now.getTime();
  return html`<span class="badge ${late ? 'overdue' : 'due'}" title="Tenggat ${formatTime(dueAt, timeZone)}">${late ? 'Terlambat' : `Tenggat ${formatTime(dueAt, timeZone)}`}</span>`;
}

const FAILED = new Set(['failed', 'undelivered', 'blocked']);

/**
 * A forward that did not arrive: the provider's reason in Bahasa Indonesia, and the stakeholder's other channels to
 * try again by (the same summary, the same choice about the reporter's identity).
 */
function failedForward(incidentId: string, fw: Forward, canAct: boolean): Html {
  if (!FAILED.has(fw.deliveryState ?? '')) return html``;
  const others = fw.reachableBy.filter((c) => c !== fw.channel);
  return html`<p class="reason" role="note"><strong>Alasan:</strong> ${deliveryReason(fw.error) ?? 'Penyedia tidak menyebut alasannya.'}</p>
${
  canAct && others.length
    ? html`<div class="retry">${others.map(
        (c) =>
          html`<form data-api="POST /api/incidents/${incidentId}/forwards" aria-label="Kirim ulang ke ${fw.stakeholder.name} lewat ${CHANNEL_LABELS[c]}"><input type="hidden" name="stakeholderIds" value="${fw.stakeholder.id}" data-type="array"><input type="hidden" name="channel" value="${c}"><input type="hidden" name="note" value="${fw.note}"><input type="hidden" name="includeReporter" value="${String(fw.includeReporter)}" data-type="bool"><button type="submit">Kirim ulang lewat ${CHANNEL_LABELS[c]}</button><p class="form-error" role="alert"></p></form>`,
      )}</div>`
    : canAct
      ? html`<p class="muted">Pemangku kepentingan ini tidak punya kanal lain; tambahkan nomor atau email di halaman Pemangku kepentingan.</p>`
      : ''
}`;
}

export function followUpCard(
  i: IncidentDetail,
  stakeholders: Stakeholder[],
  suggested: string[],
  canAct: boolean,
  timeZone: string,
): Html {
  const f = i.followUp;
  const d = f.deadlines;
  const target = (label: string, due: string | null, done: string | null) =>
    html`<dt>${label}</dt><dd>${due ? formatTime(due, timeZone) : '–'}${done ? html` · tercapai ${formatTime(done, timeZone)}` : ''}</dd>`;
  return html`<section class="card" aria-labelledby="h-follow"><h2 id="h-follow">Tindak lanjut</h2>
<p>${f.acknowledgedAt ? html`Peringatan diterima oleh <strong>${f.acknowledgedBy ?? ''}</strong>, ${formatTime(f.acknowledgedAt, timeZone)}.` : f.alerts.length ? html`<strong>Peringatan belum diterima petugas.</strong>` : 'Tidak ada peringatan untuk insiden ini.'} ${dueBadge(d.dueAt, timeZone)}</p>
${f.alerts.length ? html`<ul class="alerts">${f.alerts.map((a) => html`<li>Tingkat ${a.level}: ${a.name ?? '(dihapus dari daftar)'} · ${CHANNEL_LABELS[a.channel ?? ''] ?? a.channel ?? ''} · ${formatTime(a.at, timeZone)} · ${DELIVERY_LABELS[a.deliveryState ?? ''] ?? a.deliveryState ?? ''}</li>`)}</ul>` : ''}
${canAct && f.alerts.length && !f.acknowledgedAt ? html`<form data-api="POST /api/incidents/${i.id}/ack" aria-label="Terima peringatan"><button type="submit">Terima peringatan (hentikan eskalasi)</button><p class="form-error" role="alert"></p></form>` : ''}
<dl>${target('Verifikasi', d.verifyDueAt, d.verifiedAt)}${target('Jawaban pertama', d.answerDueAt, d.answeredAt)}${target('Selesai', d.resolveDueAt, d.resolvedAt)}</dl>
<h3>Diteruskan ke</h3>
${i.forwards.length ? html`<ul class="forwards">${i.forwards.map((fw) => html`<li>${fw.stakeholder.name}${fw.stakeholder.agency ? ` (${fw.stakeholder.agency})` : ''} · ${CHANNEL_LABELS[fw.channel] ?? fw.channel} · ${formatTime(fw.at, timeZone)} · <span class="delivery delivery-${fw.deliveryState ?? 'unknown'}">${DELIVERY_LABELS[fw.deliveryState ?? ''] ?? fw.deliveryState ?? ''}</span>${fw.includeReporter ? ' · dengan identitas pelapor' : ''}${fw.note ? html`<br><span class="muted">${fw.note}</span>` : ''}${failedForward(i.id, fw, canAct)}</li>`)}</ul>` : html`<p class="muted">Belum diteruskan.</p>`}
${
  canAct && stakeholders.length
    ? html`<form data-api="POST /api/incidents/${i.id}/forwards" aria-label="Teruskan ke pemangku kepentingan"><fieldset><legend>Teruskan ringkasan</legend>
${stakeholders
  .filter((s) => s.active)
  .map(
    (s) =>
      html`<label class="check"><input type="checkbox" name="stakeholderIds" value="${s.id}" data-type="list"> ${s.name}${s.agency ? ` (${s.agency})` : ''} · ${CHANNEL_LABELS[s.channel] ?? s.channel}${suggested.includes(s.id) ? html` <span class="tag">disarankan</span>` : ''}</label>`,
  )}
<label for="fw-note">Catatan</label><textarea id="fw-note" name="note" rows="2" maxlength="2000"></textarea>
<label class="check"><input type="checkbox" name="includeReporter" value="true" data-type="bool"> Sertakan identitas pelapor</label>
<button type="submit">Teruskan</button></fieldset><p class="form-error" role="alert"></p></form>`
    : ''
}
</section>`;
}

function hours(p: DutyEntry): string {
  const days = p.days.length ? p.days.map((d) => DAY_NAMES[d]).join(', ') : 'setiap hari';
  return `${days} · ${p.from && p.to ? `${p.from}–${p.to}` : 'sepanjang hari'}`;
}

export function dutyBody(roster: DutyEntry[], onDutyIds: string[]): Html {
  return html`<h1>Petugas siaga</h1>
<p>Urutan daftar adalah urutan eskalasi. Juga lewat CLI: <code>halo duty add --name … --phone … --days 1-5 --from 22:00 --to 06:00</code>.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">#</th><th scope="col">Nama</th><th scope="col">Kanal</th><th scope="col">Kontak</th><th scope="col">Jadwal</th><th scope="col">Pengecualian</th><th scope="col">Sekarang</th><th scope="col">Tindakan</th></tr></thead>
<tbody>${roster.map(
    (
      p,
    ) => html`<tr><td>${p.position}</td><td>${p.name}${p.active ? '' : ' (nonaktif)'}</td><td>${CHANNEL_LABELS[p.channel]}</td><td>${[p.phone, p.whatsapp, p.email].filter(Boolean).join(', ')}</td><td>${hours(p)}</td>
<td>${p.exceptions.map((e) => html`${e.date}: ${e.onDuty ? `siaga ${e.from && e.to ? `${e.from}–${e.to}` : 'sepanjang hari'}` : 'libur'}<br>`)}</td>
<td>${onDutyIds.includes(p.id) ? html`<span class="badge due">siaga</span>` : '–'}</td>
<td>${p.active ? html`<form data-api="DELETE /api/duty/${p.id}"><button type="submit">Nonaktifkan</button><p class="form-error" role="alert"></p></form>` : ''}</td></tr>`,
  )}</tbody></table></div>
<form data-api="POST /api/duty" aria-label="Tambah petugas siaga"><fieldset><legend>Tambah petugas</legend>
<label for="d-name">Nama</label><input id="d-name" name="name" required>
<label for="d-phone">Telepon</label><input id="d-phone" name="phone" placeholder="0812…">
<label for="d-wa">WhatsApp</label><input id="d-wa" name="whatsapp">
<label for="d-email">Email</label><input id="d-email" name="email" type="email">
<label for="d-channel">Kanal utama</label><select id="d-channel" name="channel"><option value="sms">SMS</option><option value="whatsapp">WhatsApp</option><option value="email">Email</option></select>
<label for="d-days">Hari (1 = Senin)</label><input id="d-days" name="days" placeholder="1-5">
<label for="d-from">Dari</label><input id="d-from" name="from" placeholder="22:00">
<label for="d-to">Sampai</label><input id="d-to" name="to" placeholder="06:00">
<button type="submit">Tambah</button></fieldset><p class="form-error" role="alert"></p></form>`;
}

export function stakeholdersBody(items: Stakeholder[]): Html {
  return html`<h1>Pemangku kepentingan</h1>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">Nama</th><th scope="col">Instansi</th><th scope="col">Kanal</th><th scope="col">Kontak</th><th scope="col">Kategori</th><th scope="col">Kecamatan</th><th scope="col">Aktif</th></tr></thead>
<tbody>${items.map(
    (
      s,
    ) => html`<tr><td>${s.name}</td><td>${s.agency}</td><td>${CHANNEL_LABELS[s.channel]}</td><td>${s.phone ?? s.email ?? ''}</td>
<td>${s.categories.length ? s.categories.map((c) => CATEGORY_LABELS[c as Category] ?? c).join(', ') : 'semua'}</td><td>${s.kecamatanCodes.length ? s.kecamatanCodes.join(', ') : 'seluruh kota'}</td>
<td>${s.active ? html`ya <form data-api="PATCH /api/stakeholders/${s.id}"><input type="hidden" name="active" value="false" data-type="bool"><button type="submit">Nonaktifkan</button><p class="form-error" role="alert"></p></form>` : 'tidak'}</td></tr>`,
  )}</tbody></table></div>
<form data-api="POST /api/stakeholders" aria-label="Tambah pemangku kepentingan"><fieldset><legend>Tambah</legend>
<label for="s-name">Nama</label><input id="s-name" name="name" required>
<label for="s-agency">Instansi</label><input id="s-agency" name="agency">
<label for="s-channel">Kanal</label><select id="s-channel" name="channel"><option value="sms">SMS</option><option value="whatsapp">WhatsApp</option><option value="email">Email</option></select>
<label for="s-phone">Telepon (mis. 0812-3456-7890)</label><input id="s-phone" name="phone" type="tel" autocomplete="off">
<label for="s-email">Email</label><input id="s-email" name="email" type="email">
<fieldset><legend>Kategori yang ditangani</legend>${CATEGORIES.map((c) => html`<label class="check"><input type="checkbox" name="categories" value="${c}" data-type="list"> ${CATEGORY_LABELS[c]}</label>`)}</fieldset>
<button type="submit">Tambah</button></fieldset><p class="form-error" role="alert"></p></form>`;
}
