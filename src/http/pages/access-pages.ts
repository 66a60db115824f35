/** /admin/users (accounts, roles, disabling, API tokens) and /account/password (everyone's own password). */
import type { ApiTokenInfo } from '../../db/repos/api-tokens';
import type { StaffRole, StaffUser } from '../../db/repos/users';
import { formatTime, ROLE_LABELS } from '../labels';
import { type Html, html } from './html';

const ROLE_HELP = 'Pemantau melihat laporan tanpa identitas pelapor; operator menangani laporan; admin juga mengatur.';

function roleOptions(selected: StaffRole | null): Html[] {
  return (Object.keys(ROLE_LABELS) as StaffRole[]).map(
    (r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${ROLE_LABELS[r]}</option>`,
  );
}

function apiForm(api: string, label: string, body: Html, extra: Html | string = ''): Html {
  return html`<form data-api="${api}" aria-label="${label}"${extra}>${body}<p class="form-error" role="alert"></p></form>`;
}

function person(u: StaffUser & { disabled: boolean }, me: string): Html {
  const url = `/api/users/${u.id}`;
  const self = u.id === me;
  return html`<li class="card person" data-user="${u.id}">
<h3>${u.name || u.email}${self ? html` <span class="tag">akun Anda</span>` : ''}</h3>
<p>${u.email} · ${ROLE_LABELS[u.role]} · <strong>${u.disabled ? 'Nonaktif' : 'Aktif'}</strong></p>
<div class="buttons">
${apiForm(
  `PATCH ${url}`,
  `Ubah peran ${u.name || u.email}`,
  html`<label for="role-${u.id}">Peran</label> <select id="role-${u.id}" name="role">${roleOptions(u.role)}</select> <button type="submit">Simpan peran</button>`,
)}
${
  self
    ? ''
    : apiForm(
        `PATCH ${url}`,
        `${u.disabled ? 'Aktifkan' : 'Nonaktifkan'} ${u.name || u.email}`,
        html`<input type="hidden" name="disabled" data-type="bool" value="${u.disabled ? 'false' : 'true'}"><button type="submit" class="${u.disabled ? '' : 'danger'}">${u.disabled ? 'Aktifkan' : 'Nonaktifkan'}</button>`,
      )
}
</div>
</li>`;
}

function tokenState(t: ApiTokenInfo, now: number): string {
  if (t.revokedAt) return 'dicabut';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return 'kedaluwarsa';
  return 'aktif';
}

function tokenItem(t: ApiTokenInfo, timeZone: string, now: number): Html {
  const state = tokenState(t, now);
  return html`<li class="card person" data-token="${t.id}">
<h3>Token ${t.id}${t.name ? ` · ${t.name}` : ''}</h3>
<p>${t.user.name || t.user.email} · dibuat ${formatTime(t.createdAt, timeZone)} · terakhir dipakai ${t.lastUsedAt ? formatTime(t.lastUsedAt, timeZone) : 'belum pernah'} · berlaku sampai ${t.expiresAt ? formatTime(t.expiresAt, timeZone) : 'tanpa batas'} · <strong>${state}</strong></p>
${state === 'aktif' ? apiForm(`DELETE /api/tokens/${t.id}`, `Cabut token ${t.id}`, html`<button type="submit" class="danger">Cabut token</button>`) : ''}
</li>`;
}

export function usersBody(
  users: (StaffUser & { disabled: boolean })[],
  tokens: ApiTokenInfo[],
  me: string,
  timeZone: string,
): Html {
  const now = Date.now();
  const active = users.filter((u) => !u.disabled);
  return html`<h1>Pengguna dan akses</h1>
<p class="muted">${ROLE_HELP} Menonaktifkan akun langsung mengakhiri semua sesi dan mencabut semua tokennya.</p>
<section class="card" aria-labelledby="h-new-user"><h2 id="h-new-user">Tambah pengguna</h2>
${apiForm(
  'POST /api/users',
  'Tambah pengguna',
  html`<div class="filters">
<div class="field"><label for="u-name">Nama</label><input id="u-name" name="name" required maxlength="200" autocomplete="off"></div>
<div class="field"><label for="u-email">Email</label><input id="u-email" name="email" type="email" required maxlength="320" autocomplete="off"></div>
<div class="field"><label for="u-role">Peran</label><select id="u-role" name="role">${roleOptions('viewer')}</select></div>
<div class="field"><label for="u-password">Kata sandi awal</label><input id="u-password" name="password" type="password" required minlength="10" autocomplete="new-password" aria-describedby="u-password-help"><span id="u-password-help" class="muted">Paling sedikit 10 karakter; bukan kata sandi umum.</span></div>
<button type="submit">Tambah pengguna</button></div>`,
)}
</section>
<section aria-labelledby="h-users"><h2 id="h-users">Daftar pengguna</h2>
<ul class="people">${users.map((u) => person(u, me))}</ul>
</section>
<section class="card" aria-labelledby="h-new-token"><h2 id="h-new-token">Buat token API</h2>
<p class="muted">Token dipakai skrip dan sistem lain dengan peran penggunanya. Token hanya ditampilkan sekali; salin saat itu juga.</p>
${apiForm(
  'POST /api/tokens',
  'Buat token API',
  html`<div class="filters">
<div class="field"><label for="t-user">Pengguna</label><select id="t-user" name="userId">${active.map((u) => html`<option value="${u.id}">${u.name || u.email}</option>`)}</select></div>
<div class="field"><label for="t-name">Nama token</label><input id="t-name" name="name" maxlength="200" placeholder="mis. ekspor harian"></div>
<div class="field"><label for="t-expires">Berlaku sampai (boleh kosong)</label><input id="t-expires" name="expiresOn" type="date"></div>
<button type="submit">Buat token</button></div>
<p class="token-once" hidden><strong>Token baru:</strong> <output data-field="token"></output><br><span class="muted">Salin sekarang: token ini tidak akan ditampilkan lagi. <a href="/admin/users">Muat ulang daftar</a></span></p>`,
  html` data-show="token"`,
)}
</section>
<section aria-labelledby="h-tokens"><h2 id="h-tokens">Token API</h2>
${tokens.length ? html`<ul class="people">${tokens.map((t) => tokenItem(t, timeZone, now))}</ul>` : html`<p class="muted">Belum ada token.</p>`}
</section>`;
}

export function passwordBody(changed: boolean): Html {
  return html`<h1>Ganti kata sandi</h1>
${changed ? html`<p class="notice" role="status">Kata sandi sudah diganti. Sesi lain akun Anda sudah diakhiri.</p>` : ''}
<section class="card">
${apiForm(
  'POST /api/session/password',
  'Ganti kata sandi',
  html`<div class="field"><label for="p-current">Kata sandi saat ini</label><input id="p-current" name="currentPassword" type="password" required autocomplete="current-password"></div>
<div class="field"><label for="p-new">Kata sandi baru</label><input id="p-new" name="newPassword" type="password" required minlength="10" autocomplete="new-password" aria-describedby="p-new-help"><span id="p-new-help" class="muted">Paling sedikit 10 karakter, bukan satu karakter yang diulang, bukan kata sandi umum.</span></div>
<button type="submit">Ganti kata sandi</button>`,
  html` data-redirect="/account/password?changed=1"`,
)}
</section>`;
}
