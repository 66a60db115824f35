/** The page frame: head (CSS, script, CSRF token), navigation by role, skip link, main landmark. */
import type { StaffUser } from '../../db/repos/users';
import { ROLE_LABELS } from '../labels';
import { type Html, html } from './html';

export interface PageContext {
  user: StaffUser | null;
  csrfToken: string | null;
  /** The current path, to mark the navigation entry. */
  path: string;
}

/** "/incidents/new" is its own entry, not part of "Insiden". */
function current(path: string, href: string): boolean {
  if (href === '/incidents') return path.startsWith(href) && !path.startsWith('/incidents/new');
  return path.startsWith(href);
}

function nav(ctx: PageContext): Html {
  const user = ctx.user;
  if (!user) return html``;
  const links: [string, string][] = [
    ['/incidents', 'Insiden'],
    ['/dashboard', 'Dasbor'],
    ['/reports/situation', 'Laporan Situasi'],
  ];
  if (user.role !== 'viewer') links.push(['/incidents/new', 'Catat laporan']);
  links.push(['/messages', 'Pesan lain']);
  if (user.role === 'admin') {
    links.push(
      ['/admin/users', 'Pengguna'],
      ['/admin/settings', 'Pengaturan'],
      ['/admin/duty', 'Petugas siaga'],
      ['/admin/stakeholders', 'Pemangku kepentingan'],
      ['/admin/reporters', 'Pelapor terdaftar'],
      ['/admin/audit', 'Audit'],
      ['/admin/dead-letters', 'Antrean gagal'],
      ['/admin/webhooks', 'Webhook'],
    );
  }
  return html`<nav aria-label="Navigasi utama"><ul>${links.map(
    ([href, label]) =>
      html`<li><a href="${href}"${current(ctx.path, href) ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
  <div class="who"><span>${user.name || user.email} (${ROLE_LABELS[user.role] ?? user.role})</span>
    <a href="/account/password">Kata sandi</a>
    <form data-api="DELETE /api/session" data-redirect="/login"><button type="submit" class="link">Keluar</button></form></div>`;
}

export function page(ctx: PageContext, title: string, body: Html): string {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Halo Kesbang</title>
<link rel="stylesheet" href="/assets/app.css">
${ctx.csrfToken ? html`<meta name="csrf-token" content="${ctx.csrfToken}">` : ''}
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Lewati ke konten utama</a>
<header class="top"><a class="brand" href="/incidents">Halo Kesbang</a>${nav(ctx)}</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`.value;
}
