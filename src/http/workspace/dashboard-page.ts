/** /dashboard: what the head of the agency looks at. */
import { CATEGORY_LABELS, type Category } from '../../core/normalized-message';
import type { DashboardStats } from '../../db/repos/dashboard-stats';
import { type Html, html } from './html';
import { formatTime, STATUS_LABELS } from './labels';
import { barChart, dailyChart } from './svg-charts';

function minutes(m: number | null): string {
  if (m === null) return 'belum ada balasan';
  if (m < 60) return `${Math.round(m)} menit`;
  const h = Math.floor(m / 60);
  return `${h} jam ${Math.round(m - h * 60)} menit`;
}

export function dashboardBody(s: DashboardStats, timeZone: string): Html {
  return html`<h1>Dasbor</h1>
<p class="muted">${s.days} hari terakhir · ${s.total} insiden</p>
<div class="grid">
<section class="card stat" aria-labelledby="h-med"><h2 id="h-med">Median waktu balasan pertama</h2><p class="big">${minutes(s.medianFirstResponseMinutes)}</p><p class="muted">dari ${s.answered} insiden yang sudah dibalas</p></section>
<section class="card" aria-labelledby="h-urgent"><h2 id="h-urgent">Insiden mendesak yang masih terbuka (${s.openUrgent.length})</h2>
${s.openUrgent.length ? html`<ul class="urgent-list">${s.openUrgent.map((u) => html`<li><a href="/incidents/${u.id}">⚠ ${u.reference}</a> ${u.title} <span class="muted">${STATUS_LABELS[u.status as keyof typeof STATUS_LABELS] ?? u.status} · ${formatTime(u.receivedAt, timeZone)}</span></li>`)}</ul>` : html`<p>Tidak ada.</p>`}
</section>
</div>
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
</div>`;
}
