/**
 * /messages ("Pesan lain"): what the pipeline set aside (noise, auto-replies, unreadable messages), as cards that
 * read on a phone too; operators turn a misread one into an incident. Viewers see senders and numbers masked.
 */
import type { OtherMessage, OtherMessageKind } from '../../workspace/other-messages';
import { CHANNEL_LABELS, formatTime } from '../labels';
import { type Html, html } from './html';

export const OTHER_KIND_LABELS: Record<OtherMessageKind, string> = {
  noise: 'Tidak relevan',
  auto_reply: 'Balasan otomatis',
  unreadable: 'Tidak terbaca',
};

function card(m: OtherMessage, operator: boolean, timeZone: string): Html {
  return html`<article class="card other-message" data-id="${m.id}" aria-labelledby="om-${m.id}">
  <h2 id="om-${m.id}" class="other-head"><span class="badge kind-${m.kind}">${OTHER_KIND_LABELS[m.kind]}</span>
    ${CHANNEL_LABELS[m.channel] ?? m.channel} · dari ${m.from || '–'}</h2>
  <p class="hint"><time datetime="${m.receivedAt}">${formatTime(m.receivedAt, timeZone)}</time>${m.reason ? html` · Sebab: ${m.reason}` : ''}</p>
  ${m.subject ? html`<p><strong>Subjek:</strong> ${m.subject}</p>` : ''}
  ${m.text ? html`<pre class="body">${m.text}</pre>` : html`<p class="hint">(tidak ada teks yang bisa ditampilkan)</p>`}
  ${
    operator
      ? html`<form data-api="POST /api/messages/${m.id}/incident" data-redirect="/incidents" aria-label="Jadikan insiden">
    <button type="submit">Jadikan insiden</button> <span class="hint">bila pesan ini sebenarnya laporan</span>
    <p class="form-error" role="alert"></p></form>`
      : ''
  }
</article>`;
}

export function otherMessagesBody(d: {
  items: OtherMessage[];
  nextCursor: string | null;
  show: OtherMessageKind | null;
  operator: boolean;
  timeZone: string;
}): Html {
  const tab = (value: OtherMessageKind | null, label: string) =>
    html`<a href="/messages${value ? `?show=${value}` : ''}"${d.show === value ? html` aria-current="page"` : ''}>${label}</a>`;
  const next = d.nextCursor
    ? `/messages?${new URLSearchParams({ ...(d.show ? { show: d.show } : {}), cursor: d.nextCursor })}`
    : null;
  return html`<link rel="stylesheet" href="/assets/forms.css">
<h1>Pesan lain</h1>
<p class="lead">Pesan yang tidak dijadikan insiden: yang tidak berisi laporan, balasan otomatis (mis. "sedang cuti") dan pesan
yang tidak bisa dibaca. Bila ada laporan yang salah dibaca sistem, ${d.operator ? 'tekan "Jadikan insiden".' : 'minta operator menjadikannya insiden.'}</p>
<nav class="tabs" aria-label="Jenis pesan">${tab(null, 'Semua')} ${tab('noise', OTHER_KIND_LABELS.noise)} ${tab('auto_reply', OTHER_KIND_LABELS.auto_reply)} ${tab('unreadable', OTHER_KIND_LABELS.unreadable)}</nav>
${d.items.length === 0 ? html`<p class="empty">Tidak ada pesan di sini.</p>` : ''}
<div class="other-list">${d.items.map((m) => card(m, d.operator, d.timeZone))}</div>
<nav class="paging" aria-label="Halaman">${next ? html`<a rel="next" href="${next}">Berikutnya</a>` : ''}</nav>`;
}
