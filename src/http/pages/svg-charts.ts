/** Charts as inline SVG (no script, no external asset): horizontal bars and a daily column chart. */
import { type Html, html } from './html';

/** Horizontal bars with their labels and counts; `title` names the chart for screen readers. */
export function barChart(title: string, rows: { label: string; count: number }[]): Html {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowHeight = 26;
  const width = 560;
  const labelWidth = 220;
  const barSpace = width - labelWidth - 50;
  const height = Math.max(rowHeight, rows.length * rowHeight);
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" preserveAspectRatio="xMinYMin meet">
  <title>${title}</title>
  ${rows.map((r, i) => {
    const y = i * rowHeight;
    const w = Math.max(1, Math.round((r.count / max) * barSpace));
    return html`<g><text x="0" y="${y + 17}" class="chart-label">${r.label.slice(0, 30)}</text>
      <rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="2" class="chart-bar"></rect>
      <text x="${labelWidth + w + 6}" y="${y + 17}" class="chart-value">${r.count}</text></g>`;
  })}
</svg>`;
}

const shortDay = new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const fullDay = new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });

/**
 * One column per day, every day of the span (empty days show as an empty slot), across the whole width; dates in
 * Indonesian ("12 Mei") under about ten of them, each column titled with its full date and count.
 */
export function dailyChart(title: string, days: { day: string; count: number }[]): Html {
  const width = 1000;
  const height = 200;
  const base = height - 26;
  const max = Math.max(1, ...days.map((d) => d.count));
  const step = width / Math.max(1, days.length);
  const every = Math.max(1, Math.ceil(days.length / 10));
  return html`<svg class="chart chart-wide" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" preserveAspectRatio="xMinYMin meet">
  <title>${title}</title>
  <line x1="0" y1="${base}" x2="${width}" y2="${base}" class="chart-axis"></line>
  ${days.map((d, i) => {
    const date = new Date(`${d.day}T00:00:00Z`);
    const h = Math.round((d.count / max) * (base - 20));
    return html`<g><rect x="${(i * step + 1).toFixed(1)}" y="${base - h}" width="${Math.max(1, step - 2).toFixed(1)}" height="${h}" class="chart-bar"><title>${fullDay.format(date)}: ${d.count} insiden</title></rect>
      ${i % every === 0 ? html`<text x="${i === 0 ? 0 : (i * step + step / 2).toFixed(1)}" y="${height - 8}" text-anchor="${i === 0 ? 'start' : 'middle'}" class="chart-label">${shortDay.format(date)}</text>` : ''}</g>`;
  })}
  <text x="${width - 4}" y="14" text-anchor="end" class="chart-value">tertinggi ${max} per hari</text>
</svg>`;
}
