/**
 * History and audit read as sentences, roles and errors in Bahasa Indonesia, one audit line per changed setting.
 */
import { bearer, login, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let id: string;

beforeAll(async () => {
  ws = await startWorkspace('readable');
  id = await ws.ingest({ text: 'Ada pencurian motor di Jl. Andi Djemma Kel. Tompotikka tadi malam' });
});
afterAll(async () => ws?.close());

const patch = (payload: object) =>
  ws.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers: bearer(ws, 'operator'), payload });

async function pageAs(role: 'admin' | 'operator' | 'viewer', url: string) {
  const { cookie } = await login(ws, role);
  return ws.app.inject({ url, headers: { cookie } });
}

test('the incident history is written as sentences with names and labels', async () => {
  expect((await patch({ status: 'verified' })).statusCode).toBe(200);
  expect((await patch({ category: 'konflik_sosial' })).statusCode).toBe(200);
  expect((await patch({ priority: 'high' })).statusCode).toBe(200);
  expect((await patch({ assigneeId: ws.staff.operator.user.id })).statusCode).toBe(200);
  const page = await pageAs('viewer', `/incidents/${id}`);
  const text = page.body.replace(/<[^>]+>/g, '');
  expect(text).toContain('Petugas operator mengubah status dari Baru ke Terverifikasi');
  expect(text).toContain('Kategori dikoreksi oleh Petugas operator: Kriminalitas → Konflik sosial / tawuran');
  expect(text).toContain('Prioritas dikoreksi oleh Petugas operator:');
  expect(text).toContain('Petugas operator menugaskan Petugas operator');
  expect(page.body).not.toMatch(/correction\.category|"verified"/);
  // The role in the header is Indonesian.
  expect(text).toContain('(Pemantau)');
});

test('a refused status change says why in Bahasa Indonesia', async () => {
  const res = await patch({ status: 'new' });
  expect(res.statusCode).toBe(409);
  expect(res.json().error.message).toBe('Status tidak bisa diubah dari Terverifikasi ke Baru.');
  const bad = await patch({ priority: 'darurat' });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toMatch(/^priority: Pilihan tidak valid/);
});

test('one audit line per changed setting, naming it; the audit page reads as sentences', async () => {
  const res = await ws.app.inject({
    method: 'PUT',
    url: '/api/settings',
    headers: bearer(ws, 'admin'),
    // escalationMinutes keeps its default: no line for it.
    payload: { duplicateWindowHours: 8, autoRepliesPerHour: 5, escalationMinutes: 10 },
  });
  expect(res.statusCode).toBe(200);
  const rows = await ws.database.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'settings.change')
    .orderBy('id')
    .execute();
  // One line per changed setting, in the settings' own order.
  expect(rows.map((r) => r.details)).toEqual([
    { key: 'autoRepliesPerHour', label: 'Batas balasan otomatis per nomor', from: 3, to: 5 },
    { key: 'duplicateWindowHours', label: 'Jendela kemungkinan duplikat', from: 6, to: 8 },
  ]);
  const page = await pageAs('admin', '/admin/audit');
  const text = page.body.replace(/<[^>]+>/g, '');
  expect(text).toContain('Mengubah pengaturan Jendela kemungkinan duplikat: 6 → 8');
  expect(text).toContain('Mengubah status Baru → Terverifikasi');
  expect(text).toContain('Masuk ke ruang kerja');
  const users = await pageAs('admin', '/admin/users');
  expect(users.body).toContain('· Pemantau ·');
});

test('error pages and API errors in Bahasa Indonesia', async () => {
  const missing = await pageAs('operator', '/tidak-ada');
  expect(missing.statusCode).toBe(404);
  expect(missing.headers['content-type']).toContain('text/html');
  expect(missing.body).toContain('Halaman tidak ditemukan');
  const noIncident = await pageAs('operator', '/incidents/999999');
  expect(noIncident.statusCode).toBe(404);
  expect(noIncident.body).toContain('Insiden tidak ditemukan.');
  const badFilter = await pageAs('operator', '/incidents?since=2026-02-31');
  expect(badFilter.statusCode).toBe(400);
  expect(badFilter.body).toContain('since: harus tanggal yang ada');
  const forbidden = await pageAs('operator', '/admin/audit');
  expect(forbidden.statusCode).toBe(403);
  expect(forbidden.body).toContain('Akses ditolak');

  const apiMissing = await ws.app.inject({ url: '/api/tidak-ada', headers: bearer(ws, 'viewer') });
  expect(apiMissing.statusCode).toBe(404);
  expect(apiMissing.json().error.message).toBe('Alamat ini tidak ada.');
  const badJson = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${id}`,
    headers: { ...bearer(ws, 'operator'), 'content-type': 'application/json' },
    payload: '{"status":',
  });
  expect(badJson.statusCode).toBe(400);
  expect(badJson.json().error.message).toBe('Isi permintaan bukan JSON yang sah.');
  const noAuth = await ws.app.inject({ url: '/api/incidents' });
  expect(noAuth.json().error.message).toBe('Silakan masuk terlebih dahulu.');
  const wrongRole = await ws.app.inject({ url: '/api/audit', headers: bearer(ws, 'operator') });
  expect(wrongRole.json().error.message).toBe('Tindakan ini memerlukan peran Admin.');
});
