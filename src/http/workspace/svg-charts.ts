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

/** One column per day, with the first, middle and last dates written under it. */
export function dailyChart(title: string, days: { day: string; count: number }[]): Html {
  const width = 560;
  const height = 180;
  const base = height - 24;
  const max = Math.max(1, ...days.map((d) => d.count));
  const step = width / Math.max(1, days.length);
  const marks = new Set([0, Math.floor(days.length / 2), days.length - 1]);
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" preserveAspectRatio="xMinYMin meet">
  <title>${title}</title>
  <line x1="0" y1="${base}" x2="${width}" y2="${base}" class="chart-axis"></line>
  ${days.map((d, i) => {
    const h = Math.round((d.count / max) * (base - 16));
    return html`<g><rect x="${Math.round(i * step + 1)}" y="${base - h}" width="${Math.max(1, Math.round(step - 2))}" height="${h}" class="chart-bar"><title>${d.day}: ${d.count}</title></rect>
      ${marks.has(i) ? html`<text x="${Math.round(i * step)}" y="${height - 6}" class="chart-label">${d.day.slice(5)}</text>` : ''}</g>`;
  })}
  <text x="${width - 4}" y="12" text-anchor="end" class="chart-value">maks ${max}/hari</text>
</svg>`;
}
