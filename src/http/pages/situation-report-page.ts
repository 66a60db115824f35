/**
 * /reports/situation: the "Laporan Situasi" for the head of office, made to be printed on A4 (or saved as PDF from
 * the browser's print dialog): totals, trend, categories and kecamatan as tables and charts, the urgent incidents
 * with their outcome, response targets met, notable reports.
 */
import type { IncidentStatus } from '../../core/incident';
import { CATEGORY_LABELS, type Category, type Priority } from '../../core/normalized-message';
import type { SituationIncident, SituationStats } from '../../db/repos/situation-stats';
import { formatTime, PRIORITY_LABELS, STATUS_LABELS } from '../labels';
import { type Html, html } from './html';
import { longDate, reportPresets } from './report-span';
import { barChart, dailyChart } from './svg-charts';

export interface SituationPageData {
  stats: SituationStats;
  /** Titles as the reader's role may see them (viewers: numbers and addresses masked). */
  maskTitle: (title: string) => string;
  now: Date;
}

const percent = (n: number, total: number) => (total ? `${Math.round((100 * n) / total)}%` : '–');
const share = (x: { met: number; total: number }) =>
  x.total ? `${percent(x.met, x.total)} (${x.met} dari ${x.total})` : '–';
const categoryLabel = (key: string | null) => (key ? (CATEGORY_LABELS[key as Category] ?? key) : 'Belum dikategorikan');
const place = (i: SituationIncident) => [i.kelurahan, i.kecamatan].filter(Boolean).join(', ') || '–';

function countTable(caption: string, first: string, rows: { label: string; count: number }[], total: number): Html {
  return html`<table class="compact"><caption>${caption}</caption>
<thead><tr><th scope="col">${first}</th><th scope="col" class="num">Jumlah</th><th scope="col" class="num">Persen</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.label}</td><td class="num">${r.count}</td><td class="num">${percent(r.count, total)}</td></tr>`)}</tbody></table>`;
}

function outcome(i: SituationIncident, timeZone: string): string {
  const status = STATUS_LABELS[i.status as IncidentStatus] ?? i.status;
  return i.resolvedAt ? `${status}, ${formatTime(i.resolvedAt, timeZone)}` : status;
}

function incidentTable(caption: string, items: SituationIncident[], d: SituationPageData, timeZone: string): Html {
  if (!items.length) return html`<p class="muted">Tidak ada.</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table class="compact incidents"><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Kode</th><th scope="col">Diterima</th><th scope="col">Laporan</th><th scope="col">Lokasi</th><th scope="col">Hasil</th></tr></thead>
<tbody>${items.map(
    (i) =>
      html`<tr><td><a href="/incidents/${i.id}">${i.reference}</a></td><td>${formatTime(i.receivedAt, timeZone)}</td><td>${d.maskTitle(i.title) || '(tanpa judul)'}<br><span class="muted">${categoryLabel(i.category)} · ${PRIORITY_LABELS[i.priority as Priority] ?? i.priority}${i.messageCount > 1 ? ` · ${i.messageCount} pesan` : ''}</span></td><td>${place(i)}</td><td>${outcome(i, timeZone)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function situationReportBody(d: SituationPageData): Html {
  const s = d.stats;
  const tz = s.span.timezone;
  const period =
    s.span.from === s.span.to ? longDate(s.span.from) : `${longDate(s.span.from)} – ${longDate(s.span.to)}`;
  const status = (key: IncidentStatus) => s.byStatus.find((r) => r.key === key)?.count ?? 0;
  const urgentCount = s.byPriority.find((r) => r.key === 'urgent')?.count ?? 0;
  const categories = s.byCategory.map((r) => ({ label: categoryLabel(r.key), count: r.count }));
  const kecamatan = s.byKecamatan.map((r) => ({ label: r.key ?? 'Tidak diketahui', count: r.count }));
  return html`<div class="report">
<form class="filters no-print" method="get" action="/reports/situation" aria-label="Pilih periode laporan">
  <div class="field"><label for="r-from">Dari tanggal</label><input id="r-from" type="date" name="from" value="${s.span.from}" required></div>
  <div class="field"><label for="r-to">Sampai tanggal</label><input id="r-to" type="date" name="to" value="${s.span.to}" required></div>
  <div class="buttons"><button type="submit">Tampilkan</button>
  ${reportPresets(tz, d.now).map((p) => html`<a href="/reports/situation?from=${p.from}&amp;to=${p.to}">${p.label}</a>`)}
  <button type="button" class="secondary" data-print>Cetak / simpan PDF</button></div>
</form>
<header class="report-head">
  <p class="agency">Badan Kesatuan Bangsa dan Politik dan Perlindungan Masyarakat Kota Palopo</p>
  <h1>Laporan Situasi</h1>
  <p class="period">Periode ${period}</p>
  <p class="muted">Disusun oleh Halo Kesbang, ${formatTime(d.now.toISOString(), tz)}. Laporan yang merupakan duplikat tidak dihitung.</p>
</header>
<section aria-labelledby="h-summary"><h2 id="h-summary">Ringkasan</h2>
<ul class="totals">
  <li><span class="big">${s.total}</span> laporan masuk</li>
  <li><span class="big">${urgentCount}</span> mendesak</li>
  <li><span class="big">${status('resolved')}</span> selesai</li>
  <li><span class="big">${status('new') + status('verified') + status('in_progress')}</span> masih terbuka</li>
  <li><span class="big">${status('rejected')}</span> ditolak</li>
</ul>
</section>
<section aria-labelledby="h-trend" class="keep"><h2 id="h-trend">Laporan per hari</h2>${dailyChart('Jumlah laporan per hari', s.daily)}</section>
<section aria-labelledby="h-cat" class="keep"><h2 id="h-cat">Menurut kategori</h2>
<div class="pair">${countTable('Laporan menurut kategori', 'Kategori', categories, s.total)}${categories.length ? barChart('Laporan menurut kategori', categories) : ''}</div></section>
<section aria-labelledby="h-kec" class="keep"><h2 id="h-kec">Menurut kecamatan</h2>
<div class="pair">${countTable('Laporan menurut kecamatan', 'Kecamatan', kecamatan, s.total)}${kecamatan.length ? barChart('Laporan menurut kecamatan', kecamatan) : ''}</div></section>
<section aria-labelledby="h-urgent"><h2 id="h-urgent">Insiden mendesak dan hasilnya (${s.urgent.length})</h2>
${incidentTable('Insiden mendesak', s.urgent, d, tz)}</section>
<section aria-labelledby="h-deadlines" class="keep"><h2 id="h-deadlines">Tenggat respons yang terpenuhi</h2>
<table class="compact"><caption class="visually-hidden">Tenggat respons yang terpenuhi</caption>
<thead><tr><th scope="col">Tenggat</th><th scope="col">Terpenuhi</th></tr></thead>
<tbody><tr><td>Verifikasi</td><td>${share(s.deadlines.verify)}</td></tr><tr><td>Jawaban pertama ke pelapor</td><td>${share(s.deadlines.answer)}</td></tr><tr><td>Selesai ditangani</td><td>${share(s.deadlines.resolve)}</td></tr></tbody></table>
<p class="muted">Tenggat yang masih berjalan belum dihitung.</p></section>
<section aria-labelledby="h-notable"><h2 id="h-notable">Laporan penting lainnya</h2>
<p class="muted">Prioritas tinggi, atau dilaporkan lewat beberapa pesan.</p>
${incidentTable('Laporan penting lainnya', s.notable, d, tz)}</section>
</div>`;
}
