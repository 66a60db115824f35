/** /dashboard: what the head of the agency looks at. */
import { CATEGORY_LABELS, type Category } from '../../core/normalized-message';
import type { DashboardStats } from '../../db/repos/dashboard-stats';
import type { MonthShare } from '../../db/repos/deadline-stats';
import { CHANNEL_LABELS, formatTime, STATUS_LABELS } from '../labels';
import { type Html, html } from './html';
import { reportPresets } from './report-span';
import { barChart, dailyChart } from './svg-charts';

function minutes(m: number | null): string {
  if (m === null) return 'belum ada balasan';
  if (m < 60) return `${Math.round(m)} menit`;
  const h = Math.floor(m / 60);
  return `${h} jam ${Math.round(m - h * 60)} menit`;
}

const share = (x: { met: number; total: number }) =>
  x.total ? `${Math.round((100 * x.met) / x.total)}% (${x.met}/${x.total})` : '–';

/** Share of response targets met per month (docs/follow-up.md). */
function deadlineTable(months: MonthShare[]): Html {
  return html`<section class="card" aria-labelledby="h-deadlines"><h2 id="h-deadlines">Tenggat yang terpenuhi per bulan</h2>
${
  months.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">Bulan</th><th scope="col">Verifikasi</th><th scope="col">Jawaban pertama</th><th scope="col">Selesai</th></tr></thead>
<tbody>${months.map((m) => html`<tr><td>${m.month}</td><td>${share(m.verify)}</td><td>${share(m.answer)}</td><td>${share(m.resolve)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="muted">Belum ada tenggat yang berakhir.</p>`
}
</section>`;
}

export function dashboardBody(s: DashboardStats, timeZone: string, months: MonthShare[] = []): Html {
  return html`<h1>Dasbor</h1>
<p class="muted">${s.days} hari terakhir · ${s.total} insiden</p>
<nav class="card report-links" aria-label="Laporan Situasi"><strong>Laporan Situasi (siap cetak):</strong> ${reportPresets(timeZone).map((p) => html`<a href="/reports/situation?from=${p.from}&amp;to=${p.to}">${p.label}</a> `)}<a href="/reports/situation">Pilih tanggal…</a></nav>
<div class="grid">
<section class="card stat" aria-labelledby="h-med"><h2 id="h-med">Median waktu balasan pertama</h2><p class="big">${minutes(s.medianFirstResponseMinutes)}</p><p class="muted">dari ${s.answered} insiden yang sudah dibalas</p></section>
<section class="card" aria-labelledby="h-urgent"><h2 id="h-urgent">Insiden mendesak yang masih terbuka (${s.openUrgent.length})</h2>
${s.openUrgent.length ? html`<ul class="urgent-list">${s.openUrgent.map((u) => html`<li><a href="/incidents/${u.id}">⚠ ${u.reference}</a> ${u.title} <span class="muted">${STATUS_LABELS[u.status as keyof typeof STATUS_LABELS] ?? u.status} · ${formatTime(u.receivedAt, timeZone)}</span></li>`)}</ul>` : html`<p>Tidak ada.</p>`}
</section>
</div>
${deadlineTable(months)}
<section class="card" aria-labelledby="h-daily"><h2 id="h-daily">Tren harian</h2>${dailyChart('Jumlah insiden per hari', s.daily)}</section>
<div class="grid">
<section class="card" aria-labelledby="h-cat"><h2 id="h-cat">Menurut kategori</h2>${barChart(
    'Insiden menurut kategori',
    s.byCategory.map((r) => ({
      label: r.key ? CATEGORY_LABELS[r.key as Category] : 'Belum dikategorikan',
      count: r.count,
    })),
  )}</section>
<section class="card" aria-labelledby="h-kec"><h2 id="h-kec">Menurut kecamatan</h2>${barChart(
    'Insiden menurut kecamatan',
    s.byKecamatan.map((r) => ({ label: r.key ?? 'Tidak diketahui', count: r.count })),
  )}</section>
<section class="card" aria-labelledby="h-channel"><h2 id="h-channel">Menurut kanal</h2>${barChart(
    'Insiden menurut kanal',
    s.byChannel.map((r) => ({ label: CHANNEL_LABELS[r.key ?? ''] ?? r.key ?? 'Tidak diketahui', count: r.count })),
  )}</section>
</div>`;
}
