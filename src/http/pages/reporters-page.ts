/** /admin/reporters: the registered reporters of the RT heads' app — register, switch off, end their app sessions. */
import { REPORTER_ROLE_LABELS, REPORTER_ROLES } from '../../core/registered-reporter';
import type { Reporter } from '../../db/repos/reporters';
import type { Gazetteer } from '../../normalize/gazetteer';
import { type Html, html } from './html';

function reporterRow(r: Reporter): Html {
  const rt =
    r.rt || r.rw
      ? `${r.rt ? `RT ${r.rt.padStart(2, '0')}` : ''}${r.rt && r.rw ? '/' : ''}${r.rw ? `RW ${r.rw.padStart(2, '0')}` : ''}`
      : '–';
  return html`<tr data-id="${r.id}"${r.active ? '' : html` class="inactive"`}><td>${r.name}</td><td>${r.phone}</td><td>${r.label}</td><td>${rt}</td><td>${r.active ? 'aktif' : 'nonaktif'}</td>
  <td><form data-api="PATCH /api/reporters/${r.id}"><input type="hidden" name="active" data-type="bool" value="${r.active ? 'false' : 'true'}"><button type="submit">${r.active ? 'Nonaktifkan' : 'Aktifkan lagi'}</button><p class="form-error" role="alert"></p></form>
  ${r.active ? html`<form data-api="DELETE /api/reporters/${r.id}/sessions"><button type="submit">Keluarkan dari aplikasi</button><p class="form-error" role="alert"></p></form>` : ''}</td></tr>`;
}

export function reportersBody(reporters: Reporter[], gazetteer: Gazetteer): Html {
  const villages = [...gazetteer.kelurahan].sort((a, b) => a.name.localeCompare(b.name, 'id'));
  return html`<h1>Pelapor terdaftar</h1>
<p>Ketua RT/RW, kantor lurah dan anggota FKDM yang boleh masuk ke aplikasi <a href="/app/">Lapor Kesbang</a> dengan kode SMS. Pesan dari nomor mereka lewat kanal apa pun ditandai di insiden, dan wilayah mereka mengisi lokasi bila pesannya tidak menyebut tempat. Daftar sekaligus dari berkas CSV: <code>npm run halo -- reporters import daftar.csv</code>.</p>
<section class="card" aria-labelledby="h-new-reporter"><h2 id="h-new-reporter">Daftarkan pelapor</h2>
<form data-api="POST /api/reporters" class="grid-form" aria-labelledby="h-new-reporter">
  <div class="field"><label for="r-name">Nama</label><input id="r-name" name="name" required maxlength="200"></div>
  <div class="field"><label for="r-phone">Nomor HP</label><input id="r-phone" name="phone" type="tel" required placeholder="0812 3456 7890"></div>
  <div class="field"><label for="r-role">Peran</label><select id="r-role" name="role">${REPORTER_ROLES.map((r) => html`<option value="${r}">${REPORTER_ROLE_LABELS[r]}</option>`)}</select></div>
  <div class="field"><label for="r-kelurahan">Kelurahan</label><select id="r-kelurahan" name="kelurahan">${villages.map((k) => html`<option value="${k.code}">${k.name}</option>`)}</select></div>
  <div class="field"><label for="r-rt">RT</label><input id="r-rt" name="rt" inputmode="numeric" maxlength="3" placeholder="02"></div>
  <div class="field"><label for="r-rw">RW</label><input id="r-rw" name="rw" inputmode="numeric" maxlength="3" placeholder="01"></div>
  <button type="submit">Daftarkan</button><p class="form-error" role="alert"></p>
</form></section>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><caption>${reporters.length} pelapor terdaftar</caption><thead><tr><th scope="col">Nama</th><th scope="col">Nomor HP</th><th scope="col">Sebagai</th><th scope="col">RT/RW</th><th scope="col">Status</th><th scope="col">Tindakan</th></tr></thead>
<tbody>${reporters.map(reporterRow)}</tbody></table></div>`;
}
