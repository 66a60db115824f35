/** Simple admin pages: audit log, dead letters. */
import type { AuditEntry } from '../../db/repos/audit-entries';
import type { DeadLetter } from '../../workspace/dead-letters';
import { formatTime } from '../labels';
import { auditSentence } from './audit-sentences';
import { type Html, html } from './html';

export function auditBody(items: AuditEntry[], nextCursor: string | null, timeZone: string): Html {
  return html`<h1>Log audit</h1>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table class="audit"><thead><tr><th scope="col">Waktu</th><th scope="col">Pengguna</th><th scope="col">Tindakan</th><th scope="col">Insiden</th></tr></thead>
<tbody>${items.map(
    (a) =>
      html`<tr><td>${formatTime(a.at, timeZone)}</td><td>${a.user ? a.user.name || a.user.email : 'Sistem'}</td><td>${auditSentence(a)}<details><summary>Rincian teknis</summary><code>${a.action} ${JSON.stringify(a.details)}</code></details></td><td>${a.incidentId ? html`<a href="/incidents/${a.incidentId}">${a.incidentId}</a>` : '–'}</td></tr>`,
  )}</tbody></table></div>
<nav class="paging" aria-label="Halaman">${nextCursor ? html`<a rel="next" href="/admin/audit?cursor=${nextCursor}">Berikutnya</a>` : ''}</nav>`;
}

export function deadLettersBody(items: DeadLetter[], timeZone: string): Html {
  return html`<h1>Antrean gagal</h1>
${items.length === 0 ? html`<p>Tidak ada pekerjaan yang gagal.</p>` : ''}
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">Antrean</th><th scope="col">Pekerjaan</th><th scope="col">Percobaan</th><th scope="col">Galat</th><th scope="col">Waktu</th><th scope="col">Tindakan</th></tr></thead>
<tbody>${items.map(
    (
      d,
    ) => html`<tr><td>${d.queue}</td><td>${d.jobId ?? ''}</td><td>${d.attemptsMade}</td><td>${d.failedReason}</td><td>${formatTime(d.failedAt, timeZone)}</td>
  <td><form data-api="POST /api/dead-letters/${encodeURIComponent(d.id)}/retry"><button type="submit">Coba lagi</button><p class="form-error" role="alert"></p></form></td></tr>`,
  )}</tbody></table></div>`;
}
