/** /incidents/:id: the thread, the structured fields and the words behind them, location, reporter, history, actions. */
import { CATEGORIES, CATEGORY_LABELS, type Category, PRIORITIES } from '../../core/normalized-message';
import type { StaffUser } from '../../db/repos/users';
import type { Gazetteer } from '../../normalize/gazetteer';
import type { IncidentDetail, ThreadMessage } from '../../workspace/incident-detail';
import { NEXT_STATUSES } from '../../workspace/status-workflow';
import { CHANNEL_LABELS, DELIVERY_LABELS, formatTime, PRIORITY_LABELS, STATUS_ACTIONS } from '../labels';
import { historySentence } from './history-sentences';
import { type Html, html } from './html';
import { priorityBadge, statusBadge } from './incident-list-page';
import { readingReasonsHtml } from './reading-reasons';

export interface IncidentPageData {
  incident: IncidentDetail;
  user: StaffUser;
  staff: StaffUser[];
  gazetteer: Gazetteer;
  timeZone: string;
  references: Record<string, string>;
}

const OUT_LABELS: Record<string, string> = {
  reply: 'Balasan petugas',
  forward: 'Diteruskan ke pemangku kepentingan',
  question_answer: 'Jawaban otomatis atas pertanyaan',
};

const dash = (v: string | null | undefined) => (v ? v : '–');

function attachment(a: ThreadMessage['attachments'][number]): Html {
  const isImage = /^image\/(jpeg|png|gif|webp)$/i.test(a.contentType ?? '');
  const name = a.filename ?? 'lampiran';
  return html`<li>${
    isImage
      ? html`<a href="/attachments/${a.id}"><img class="preview" src="/attachments/${a.id}" alt="${name}" loading="lazy"></a>`
      : html`<a href="/attachments/${a.id}" download>${name}</a> <span class="muted">(${a.contentType ?? 'berkas'}, ${Math.ceil(a.size / 1024)} KB)</span>`
  }</li>`;
}

/** Why an inbound message is in this thread, whether it got no automatic answer, and (operators) the split button. */
function inboundNotes(m: ThreadMessage, incidentId: string, canAct: boolean): Html {
  return html`${m.joinedBecause ? html`<p class="join-reason">Masuk ke insiden ini karena ${m.joinedBecause}.</p>` : ''}
  ${m.unanswered ? html`<p class="unanswered" role="note">${m.unanswered}</p>` : ''}
  ${
    canAct && m.canSplit
      ? apiForm(
          'POST',
          `/api/incidents/${incidentId}/messages/${m.id}/split`,
          html`<button type="submit" class="split">Pisahkan jadi insiden baru</button>`,
          'Pisahkan pesan jadi insiden baru',
        )
      : ''
  }`;
}

function message(m: ThreadMessage, d: IncidentPageData, canAct: boolean): Html {
  const timeZone = d.timeZone;
  const out = m.direction === 'out';
  return html`<article class="msg ${out ? 'out' : 'in'}" aria-label="${out ? 'Pesan keluar' : 'Pesan masuk'}">
  <header><strong>${out ? (OUT_LABELS[m.purpose ?? ''] ?? 'Pesan otomatis') : 'Pelapor'}</strong>
    · ${CHANNEL_LABELS[m.channel] ?? m.channel} · <time datetime="${m.at}">${formatTime(m.at, timeZone)}</time>
    ${out ? html` · kepada ${dash(m.to)} · <span class="delivery delivery-${m.deliveryState ?? 'unknown'}">Status kirim: ${DELIVERY_LABELS[m.deliveryState ?? ''] ?? dash(m.deliveryState)}</span>` : html` · dari ${dash(m.from)}`}
  </header>
  ${m.body ? html`<pre class="body">${m.body}</pre>` : ''}
  ${
    m.html
      ? html`<details><summary>Tampilan HTML email (diamankan)</summary><iframe class="email-html" title="Isi email HTML" sandbox="" referrerpolicy="no-referrer" srcdoc="${m.html}"></iframe></details>`
      : ''
  }
  ${m.attachments.length ? html`<ul class="attachments">${m.attachments.map(attachment)}</ul>` : ''}
  ${out ? '' : inboundNotes(m, d.incident.id, canAct)}
</article>`;
}

/** A form app.js sends to the JSON API (with the CSRF header), then reloads the page. */
function apiForm(method: string, action: string, body: Html, label: string): Html {
  return html`<form data-api="${method} ${action}" aria-label="${label}">${body}<p class="form-error" role="alert"></p></form>`;
}

function actions(d: IncidentPageData): Html {
  const i = d.incident;
  const url = `/api/incidents/${i.id}`;
  const assignable = d.staff.filter((s) => s.role !== 'viewer');
  const byKecamatan = d.gazetteer.kecamatan.map((k) => ({
    k,
    villages: d.gazetteer.kelurahan.filter((v) => v.kecamatanCode === k.code),
  }));
  return html`<section class="card actions" aria-labelledby="h-actions"><h2 id="h-actions">Tindakan</h2>
  <div class="status-actions">${NEXT_STATUSES[i.status].map((s) =>
    apiForm(
      'PATCH',
      url,
      html`<input type="hidden" name="status" value="${s}"><button type="submit" class="status-${s}">${STATUS_ACTIONS[s]}</button>`,
      STATUS_ACTIONS[s],
    ),
  )}</div>
  ${apiForm(
    'PATCH',
    url,
    html`<label for="a-assignee">Petugas</label><select id="a-assignee" name="assigneeId"><option value="">(belum ada)</option>${assignable.map(
      (s) =>
        html`<option value="${s.id}"${i.assignee?.id === s.id ? html` selected` : ''}>${s.name || s.email}</option>`,
    )}</select> <button type="submit">Tugaskan</button>`,
    'Tugaskan petugas',
  )}
  ${apiForm(
    'PATCH',
    url,
    html`<label for="a-category">Kategori</label><select id="a-category" name="category">${CATEGORIES.map(
      (c) => html`<option value="${c}"${i.category === c ? html` selected` : ''}>${CATEGORY_LABELS[c]}</option>`,
    )}</select> <button type="submit">Koreksi kategori</button>`,
    'Koreksi kategori',
  )}
  ${apiForm(
    'PATCH',
    url,
    html`<label for="a-priority">Prioritas</label><select id="a-priority" name="priority">${PRIORITIES.map(
      (p) => html`<option value="${p}"${i.priority === p ? html` selected` : ''}>${PRIORITY_LABELS[p]}</option>`,
    )}</select> <button type="submit">Koreksi prioritas</button>`,
    'Koreksi prioritas',
  )}
  ${apiForm(
    'PATCH',
    url,
    html`<fieldset><legend>Koreksi lokasi</legend>
      <label for="a-kel">Kelurahan</label><select id="a-kel" name="location.kelurahanCode"><option value="">(tidak diketahui)</option>${byKecamatan.map(
        ({ k, villages }) =>
          html`<optgroup label="${k.name}">${villages.map(
            (v) =>
              html`<option value="${v.code}"${i.location.kelurahanCode === v.code ? html` selected` : ''}>${v.name}</option>`,
          )}</optgroup>`,
      )}</select>
      <label for="a-rt">RT</label><input id="a-rt" name="location.rt" inputmode="numeric" size="3" value="${i.location.rt ?? ''}">
      <label for="a-rw">RW</label><input id="a-rw" name="location.rw" inputmode="numeric" size="3" value="${i.location.rw ?? ''}">
      <label for="a-street">Jalan</label><input id="a-street" name="location.street" value="${i.location.street ?? ''}">
      <button type="submit">Simpan lokasi</button></fieldset>`,
    'Koreksi lokasi',
  )}
  ${
    i.possibleDuplicateOf
      ? html`<div class="duplicate"><p>Mungkin sama dengan <a href="/incidents/${i.possibleDuplicateOf}">${d.references[i.possibleDuplicateOf] ?? `#${i.possibleDuplicateOf}`}</a>.</p>
      ${apiForm('PATCH', url, html`<input type="hidden" name="duplicateOf" value="${i.possibleDuplicateOf}"><button type="submit">Konfirmasi duplikat</button>`, 'Konfirmasi duplikat')}
      ${apiForm('PATCH', url, html`<input type="hidden" name="duplicateOf" value=""><button type="submit">Bukan duplikat</button>`, 'Abaikan saran duplikat')}</div>`
      : ''
  }
  ${apiForm(
    'POST',
    `${url}/replies`,
    html`<label for="a-reply">Balas ke pelapor (${CHANNEL_LABELS[i.channel] ?? i.channel})</label><textarea id="a-reply" name="text" rows="3" required maxlength="4000"></textarea><button type="submit">Kirim balasan</button>`,
    'Balas ke pelapor',
  )}
  ${apiForm(
    'POST',
    `${url}/notes`,
    html`<label for="a-note">Catatan internal</label><textarea id="a-note" name="text" rows="2" required maxlength="4000"></textarea><button type="submit">Simpan catatan</button>`,
    'Catatan internal',
  )}
  ${apiForm(
    'POST',
    `${url}/merge`,
    html`<label for="a-merge">Gabungkan ke insiden (kode HK-… atau nomor)</label><input id="a-merge" name="into" required> <button type="submit">Gabungkan</button>`,
    'Gabungkan insiden',
  )}
</section>`;
}

/** The machine's own reading (before any correction), as stored with the incident. */
function machineReading(m: Record<string, unknown>): {
  kind: string | null;
  category: string | null;
  priority: string | null;
} {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { kind: text(m.kind), category: text(m.category), priority: text(m.priority) };
}

export function incidentPageBody(d: IncidentPageData): Html {
  const i = d.incident;
  const canAct = d.user.role !== 'viewer';
  const names = {
    staff: (id: string) => {
      const s = d.staff.find((u) => u.id === id);
      return s ? s.name || s.email : null;
    },
    kelurahan: (code: string) => d.gazetteer.kelurahan.find((k) => k.code === code)?.name ?? null,
  };
  const corrected = (group: string) =>
    group in i.corrections ? html` <span class="tag">dikoreksi petugas</span>` : '';
  return html`<p><a href="/incidents">← Kembali ke daftar</a></p>
<h1><span class="ref">${i.reference}</span> ${i.title || '(tanpa judul)'}</h1>
<p class="badges">${priorityBadge(i.priority)} ${statusBadge(i.status)} ${i.duplicateOf ? html`<span class="tag">duplikat dari <a href="/incidents/${i.duplicateOf}">${d.references[i.duplicateOf] ?? `#${i.duplicateOf}`}</a></span>` : ''} <span class="muted">Nomor ${i.id}</span></p>
<div class="grid">
<section class="card" aria-labelledby="h-fields"><h2 id="h-fields">Data laporan</h2>
<dl>
  <dt>Kategori</dt><dd>${i.category ? CATEGORY_LABELS[i.category as Category] : 'Belum dikategorikan'}${corrected('category')}</dd>
  <dt>Prioritas</dt><dd>${PRIORITY_LABELS[i.priority]}${corrected('priority')}</dd>
  <dt>Kata yang dikenali</dt><dd>${readingReasonsHtml({ reasons: i.reasons, keywords: i.keywords, machine: machineReading(i.machine) })}</dd>
  <dt>Ringkasan</dt><dd>${i.summary || '–'}</dd>
  <dt>Waktu kejadian</dt><dd>${formatTime(i.occurredAt, d.timeZone)}</dd>
  <dt>Diterima</dt><dd>${formatTime(i.receivedAt, d.timeZone)} lewat ${CHANNEL_LABELS[i.channel] ?? i.channel}</dd>
  <dt>Petugas</dt><dd>${i.assignee?.name || '–'}</dd>
</dl></section>
<section class="card" aria-labelledby="h-loc"><h2 id="h-loc">Lokasi${corrected('location')}</h2>
<dl>
  <dt>Kelurahan</dt><dd>${dash(i.location.kelurahan)}</dd>
  <dt>Kecamatan</dt><dd>${dash(i.location.kecamatan)}</dd>
  <dt>RT/RW</dt><dd>${i.location.rt || i.location.rw ? `${dash(i.location.rt)}/${dash(i.location.rw)}` : '–'}</dd>
  <dt>Jalan</dt><dd>${dash(i.location.street)}</dd>
  <dt>Keterangan</dt><dd>${dash(i.locationText)}</dd>
</dl></section>
<section class="card" aria-labelledby="h-rep"><h2 id="h-rep">Pelapor</h2>
<dl>
  ${i.reporter.registered ? html`<dt>Terdaftar</dt><dd class="reporter registered">${i.reporter.registered}</dd>` : ''}
  <dt>Nama</dt><dd class="reporter">${dash(i.reporter.name)}</dd>
  <dt>Telepon</dt><dd class="reporter">${dash(i.reporter.phone)}</dd>
  <dt>Email</dt><dd class="reporter">${dash(i.reporter.email)}</dd>
</dl>${canAct ? '' : html`<p class="muted">Identitas pelapor disamarkan untuk peran pemantau.</p>`}</section>
</div>
<section aria-labelledby="h-thread"><h2 id="h-thread">Percakapan (${i.messages.length})</h2>
${i.messages.map((m) => message(m, d, canAct))}
</section>
${canAct ? actions(d) : ''}
<section class="card" aria-labelledby="h-notes"><h2 id="h-notes">Catatan internal</h2>
${i.notes.length ? html`<ul class="notes">${i.notes.map((n) => html`<li><pre class="body">${n.text}</pre><span class="muted">${n.user?.name ?? ''} · ${formatTime(n.at, d.timeZone)}</span></li>`)}</ul>` : html`<p class="muted">Belum ada catatan.</p>`}
</section>
<section class="card" aria-labelledby="h-history"><h2 id="h-history">Riwayat</h2>
${i.history.length ? html`<ol class="history">${i.history.map((h) => html`<li><time datetime="${h.at}">${formatTime(h.at, d.timeZone)}</time> · ${historySentence(h, names)}</li>`)}</ol>` : html`<p class="muted">Belum ada perubahan.</p>`}
</section>`;
}
