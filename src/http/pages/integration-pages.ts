/** Admin pages of the partner interfaces (docs/integrations.md): webhook subscriptions and their delivery log. */
import type { WebhookDelivery } from '../../db/repos/webhook-deliveries';
import type { WebhookSubscription } from '../../db/repos/webhook-subscriptions';
import { WEBHOOK_EVENTS } from '../../integrations/webhook-events';
import { formatTime } from '../labels';
import { type Html, html } from './html';

const DELIVERY_STATES: Record<string, string> = {
  pending: 'menunggu/diulang',
  delivered: 'terkirim',
  dead: 'gagal permanen',
};

export function webhooksBody(subscriptions: WebhookSubscription[]): Html {
  return html`<h1>Webhook mitra</h1>
<p>Setiap peristiwa dikirim sebagai POST JSON bertanda tangan HMAC-SHA256 (<code>X-Halo-Signature</code>). Hanya langganan <strong>tepercaya</strong> menerima identitas pelapor.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">Nama</th><th scope="col">URL</th><th scope="col">Peristiwa</th><th scope="col">Tepercaya</th><th scope="col">Aktif</th><th scope="col">Log</th></tr></thead>
<tbody>${subscriptions.map(
    (s) =>
      html`<tr><td>${s.name || '–'}</td><td class="break">${s.url}</td><td>${s.events.join(', ')}</td><td>${s.trusted ? 'ya' : 'tidak'}</td><td>${s.active ? 'ya' : 'tidak'}</td><td><a href="/admin/webhooks/${s.id}">Log pengiriman</a></td></tr>`,
  )}</tbody></table></div>
<form data-api="POST /api/webhooks" aria-label="Langganan baru"><fieldset><legend>Langganan baru</legend>
<div class="field"><label for="wh-name">Nama mitra</label><input id="wh-name" name="name" maxlength="200"></div>
<div class="field wide"><label for="wh-url">URL penerima</label><input id="wh-url" name="url" type="url" required maxlength="2000"></div>
<div class="field wide"><label for="wh-secret">Rahasia bersama (minimal 16 karakter)</label><input id="wh-secret" name="secret" required minlength="16" maxlength="200" autocomplete="off"></div>
${WEBHOOK_EVENTS.map((e) => html`<label class="check"><input type="checkbox" name="events" value="${e}" data-type="list" checked> ${e}</label>`)}
<label class="check"><input type="checkbox" name="trusted" value="true" data-type="bool"> Tepercaya: sertakan identitas pelapor</label>
<button type="submit">Simpan langganan</button></fieldset><p class="form-error" role="alert"></p></form>`;
}

export function deliveriesBody(
  s: WebhookSubscription,
  log: { items: WebhookDelivery[]; nextCursor: string | null },
  timeZone: string,
): Html {
  return html`<h1>Log pengiriman: ${s.name || s.url}</h1>
<p class="break">${s.url} · ${s.trusted ? 'tepercaya' : 'tanpa identitas pelapor'} · ${s.active ? 'aktif' : 'nonaktif'}</p>
${log.items.length === 0 ? html`<p>Belum ada pengiriman.</p>` : ''}
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">Dibuat</th><th scope="col">Peristiwa</th><th scope="col">Status</th><th scope="col">Percobaan</th><th scope="col">Jawaban terakhir</th><th scope="col">Terkirim</th></tr></thead>
<tbody>${log.items.map(
    (d) =>
      html`<tr><td>${formatTime(d.createdAt, timeZone)}</td><td>${d.eventType} <span class="muted">#${d.eventId}</span></td><td>${DELIVERY_STATES[d.state] ?? d.state}</td><td>${d.attempts}</td><td>${d.lastStatus ?? ''} ${d.lastError ?? ''}</td><td>${d.deliveredAt ? formatTime(d.deliveredAt, timeZone) : '–'}</td></tr>`,
  )}</tbody></table></div>
<nav class="paging" aria-label="Halaman">${log.nextCursor ? html`<a rel="next" href="/admin/webhooks/${s.id}?cursor=${log.nextCursor}">Berikutnya</a>` : ''}</nav>`;
}
