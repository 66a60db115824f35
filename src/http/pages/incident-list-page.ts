/** /incidents: the list, newest first, urgent ones marked, filters, paging, live additions (app.js, SSE). */
import type { Incident } from '../../core/incident';
import { INCIDENT_STATUSES } from '../../core/incident';
import { CATEGORIES, CATEGORY_LABELS, type Category, PRIORITIES } from '../../core/normalized-message';
import type { Gazetteer } from '../../normalize/gazetteer';
import { CHANNEL_LABELS, formatTime, PRIORITY_LABELS, STATUS_LABELS } from '../labels';
import { dueBadge } from './follow-up-pages';
import { type Html, html } from './html';

export interface ListPageData {
  items: Incident[];
  nextCursor: string | null;
  query: Record<string, string>;
  gazetteer: Gazetteer;
  timeZone: string;
}

function select(name: string, label: string, options: [string, string][], current: string | undefined): Html {
  return html`<div class="field"><label for="f-${name}">${label}</label>
    <select id="f-${name}" name="${name}"><option value="">Semua</option>${options.map(
      ([value, text]) => html`<option value="${value}"${current === value ? html` selected` : ''}>${text}</option>`,
    )}</select></div>`;
}

export function priorityBadge(priority: Incident['priority']): Html {
  return html`<span class="badge prio-${priority}">${priority === 'urgent' ? '⚠ ' : ''}${PRIORITY_LABELS[priority]}</span>`;
}

export function statusBadge(status: Incident['status']): Html {
  return html`<span class="badge status-${status}">${STATUS_LABELS[status]}</span>`;
}

export function placeOf(i: Incident): string {
  const l = i.location;
  return [l.kelurahan, l.kecamatan].filter(Boolean).join(', ') || l.text || '–';
}

/** One row; at phone size the row is a card, each cell introduced by its column name (data-label). */
export function incidentRow(i: Incident, timeZone: string): Html {
  return html`<tr data-id="${i.id}" class="prio-row-${i.priority}">
    <td data-label="Kode" class="ref-cell"><a href="/incidents/${i.id}">${i.reference}</a></td>
    <td data-label="Diterima"><time datetime="${i.receivedAt}">${formatTime(i.receivedAt, timeZone)}</time></td>
    <td data-label="Prioritas">${priorityBadge(i.priority)}</td>
    <td data-label="Status">${statusBadge(i.status)} ${dueBadge(i.dueAt, timeZone)}</td>
    <td data-label="Kategori">${i.category ? CATEGORY_LABELS[i.category as Category] : 'Belum dikategorikan'}</td>
    <td data-label="Judul" class="title">${i.title || '(tanpa judul)'}${i.reporter.registered ? html` <span class="badge registered">${i.reporter.registered}</span>` : ''}</td>
    <td data-label="Lokasi">${placeOf(i)}</td>
    <td data-label="Kanal">${CHANNEL_LABELS[i.channel] ?? i.channel}</td>
  </tr>`;
}

export function incidentListBody(d: ListPageData): Html {
  const q = d.query;
  const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => v && k !== 'cursor'));
  const next = d.nextCursor
    ? `/incidents?${new URLSearchParams({ ...Object.fromEntries(params), cursor: d.nextCursor })}`
    : null;
  const exportQuery = params.size ? `?${params}` : '';
  const kecamatan = d.gazetteer.kecamatan.map((k): [string, string] => [k.code, k.name]);
  return html`<h1>Daftar insiden</h1>
<form class="filters" method="get" action="/incidents" role="search" aria-label="Saring insiden">
  <div class="field wide"><label for="f-q">Cari teks</label><input id="f-q" type="search" name="q" value="${q.q ?? ''}" placeholder="mis. tawuran Wara"></div>
  ${select(
    'status',
    'Status',
    INCIDENT_STATUSES.map((s) => [s, STATUS_LABELS[s]]),
    q.status,
  )}
  ${select(
    'priority',
    'Prioritas',
    PRIORITIES.map((p) => [p, PRIORITY_LABELS[p]]),
    q.priority,
  )}
  ${select(
    'category',
    'Kategori',
    CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]]),
    q.category,
  )}
  ${select('kecamatan', 'Kecamatan', kecamatan, q.kecamatan)}
  ${select('channel', 'Kanal', Object.entries(CHANNEL_LABELS), q.channel)}
  ${select(
    'due',
    'Tenggat',
    [
      ['overdue', 'Terlambat'],
      ['due', 'Masih berjalan'],
      ['met', 'Tidak ada tenggat'],
    ],
    q.due,
  )}
  <div class="field"><label for="f-since">Dari tanggal</label><input id="f-since" type="date" name="since" value="${q.since ?? ''}"></div>
  <div class="field"><label for="f-until">Sampai tanggal</label><input id="f-until" type="date" name="until" value="${q.until ?? ''}"></div>
  <div class="buttons"><button type="submit">Terapkan</button> <a href="/incidents">Hapus saringan</a> <a href="/api/incidents.csv${exportQuery}" download>Unduh CSV</a> <a href="/api/incidents.xlsx${exportQuery}" download>Unduh Excel</a></div>
</form>
<p id="live-status" class="live" role="status" aria-live="polite"></p>
<div class="table-wrap list-wrap">
<table id="incident-list" class="incident-list" data-live="${q.cursor ? 'off' : 'on'}" data-filter="${JSON.stringify(q)}">
  <caption class="visually-hidden">Insiden, terbaru di atas</caption>
  <thead><tr><th scope="col">Kode</th><th scope="col">Diterima</th><th scope="col">Prioritas</th><th scope="col">Status</th><th scope="col">Kategori</th><th scope="col">Judul</th><th scope="col">Lokasi</th><th scope="col">Kanal</th></tr></thead>
  <tbody>${d.items.map((i) => incidentRow(i, d.timeZone))}</tbody>
</table>
</div>
${d.items.length === 0 ? html`<p class="empty">Tidak ada insiden yang cocok.</p>` : ''}
<nav class="paging" aria-label="Halaman">${q.cursor ? html`<a href="/incidents?${params.toString()}">Terbaru</a>` : ''} ${next ? html`<a rel="next" href="${next}">Berikutnya</a>` : ''}</nav>`;
}
