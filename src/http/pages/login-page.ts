/** /login: email and password, labelled; works without JavaScript (a plain form POST). */
import { type Html, html } from './html';

export function loginBody(opts: { email?: string; error?: string | null; next?: string }): Html {
  return html`<div class="login card">
<h1>Masuk ke Halo Kesbang</h1>
<p class="muted">Ruang kerja petugas Kesbangpol Kota Palopo</p>
${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="next" value="${opts.next ?? '/incidents'}">
  <div class="field"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${opts.email ?? ''}" autofocus></div>
  <div class="field"><label for="password">Kata sandi</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <button type="submit">Masuk</button>
</form>
</div>`;
}
