/**
 * The description of every /api route, keyed by `METHOD /path` exactly as the route is registered. Describing a
 * route = one entry here: who may call it, its query and body (the zod schema the route validates with) and its
 * answers. The OpenAPI document (GET /api/openapi.json) is generated from the routes Fastify actually registered,
 * joined with these entries; a registered route without one shows up as undescribed and fails
 * test/http/openapi.test.ts. Errors (400/401/403/404/409) and security are added by the generator.
 */
import { z } from 'zod';
import { CHANNELS } from '../../core/channel';
import { INCIDENT_STATUSES } from '../../core/incident';
import { CATEGORIES, PRIORITIES } from '../../core/normalized-message';
import { dutyInputSchema } from '../../follow-up/duty-input';
import { settingsChangeSchema } from '../../settings';
import { incidentChangeSchema } from '../../workspace/incident-changes';
import { staffReportSchema } from '../../workspace/staff-report';
import { dutyPatchBody, exceptionBody } from '../api/duty-routes';
import { forwardBody } from '../api/incidents/incident-follow-up-routes';
import { previewBody } from '../api/incidents/incident-routes';
import { mergeBody, textBody } from '../api/incidents/incident-thread-routes';
import { open311KeyBody } from '../api/open311-key-routes';
import { reporterPatchBody } from '../api/reporter-routes';
import { credentials, passwordChangeBody } from '../api/session-routes';
import { holidaysQuery, settingsPreviewBody } from '../api/settings-routes';
import { stakeholderBody, stakeholderPatch } from '../api/stakeholder-routes';
import { newTokenBody, newUserBody, userChangeBody } from '../api/user-routes';
import { webhookCreateBody, webhookPatchBody } from '../api/webhook-routes';
import {
  auditEntry,
  deadLetter,
  dutyEntry,
  id,
  incident,
  incidentDetail,
  itemsOf,
  open311Key,
  paged,
  pageQuery,
  rawMessageSummary,
  staffUser,
  stakeholder,
  webhookDelivery,
  webhookSubscription,
} from './api-schemas';

/** The lowest role that may call a route; `public` needs no sign-in. */
export type RouteAccess = 'public' | 'viewer' | 'operator' | 'admin';

export interface RouteAnswer {
  description: string;
  /** JSON body; absent for 204 and for non-JSON answers. */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface RouteDescription {
  summary: string;
  tag: string;
  access: RouteAccess;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, RouteAnswer>;
}

const ok = (description: string, schema?: z.ZodType): RouteAnswer => ({ description, schema });
const csv = (s: string) => z.string().optional().describe(`comma-separated: ${s}`);

const incidentQuery = pageQuery.extend({
  status: csv(INCIDENT_STATUSES.join(', ')),
  priority: csv(PRIORITIES.join(', ')),
  category: csv(CATEGORIES.join(', ')),
  channel: csv(CHANNELS.join(', ')),
  kecamatan: csv('kecamatan codes or names'),
  kelurahan: csv('kelurahan codes'),
  assignee: z.string().optional().describe('user id, or "none"'),
  due: z.enum(['overdue', 'due', 'met']).optional(),
  since: z.string().optional().describe('YYYY-MM-DD (whole days in TIMEZONE) or an ISO instant'),
  until: z.string().optional().describe('YYYY-MM-DD (whole days in TIMEZONE) or an ISO instant'),
  q: z.string().optional().describe('full text (websearch syntax)'),
});

export const API_ROUTES: Record<string, RouteDescription> = {
  'GET /api/openapi.json': {
    summary: 'Deskripsi ini (OpenAPI 3.1)',
    tag: 'Dokumentasi',
    access: 'public',
    responses: { 200: ok('dokumen OpenAPI', z.looseObject({ openapi: z.literal('3.1.0') })) },
  },
  'POST /api/session': {
    summary: 'Masuk: memasang cookie sesi, menjawab token CSRF',
    tag: 'Sesi',
    access: 'public',
    description:
      'Dibatasi per klien dan email (429 rate_limited). Kirim token sebagai X-CSRF-Token pada setiap perubahan.',
    body: credentials,
    responses: { 200: ok('berhasil masuk', z.object({ user: staffUser, csrfToken: z.string() })) },
  },
  'DELETE /api/session': {
    summary: 'Keluar',
    tag: 'Sesi',
    access: 'viewer',
    responses: { 204: ok('sudah keluar') },
  },
  'GET /api/incidents': {
    summary: 'Daftar insiden (filter, teks lengkap, paginasi kursor)',
    tag: 'Insiden',
    access: 'viewer',
    query: incidentQuery,
    responses: { 200: ok('satu halaman insiden, terbaru dahulu', paged(incident)) },
  },
  'GET /api/incidents.csv': {
    summary: 'Ekspor insiden yang cocok sebagai CSV (UTF-8 dengan BOM, RFC 4180)',
    tag: 'Insiden',
    access: 'viewer',
    query: incidentQuery.omit({ limit: true, cursor: true }),
    responses: { 200: { description: 'semua insiden yang cocok', contentType: 'text/csv' } },
  },
  'GET /api/incidents/stream': {
    summary: 'Peristiwa insiden langsung (Server-Sent Events: event "incident", data = JSON Incident)',
    tag: 'Insiden',
    access: 'viewer',
    responses: { 200: { description: 'aliran peristiwa tanpa akhir', contentType: 'text/event-stream' } },
  },
  'GET /api/incidents/:id': {
    summary: 'Satu insiden dengan percakapan, catatan, riwayat, penerusan dan tindak lanjut',
    tag: 'Insiden',
    access: 'viewer',
    responses: { 200: ok('insidennya', incidentDetail) },
  },
  'PATCH /api/incidents/:id': {
    summary: 'Ubah status, kategori, prioritas, petugas, lokasi atau duplikat',
    tag: 'Insiden',
    access: 'operator',
    description:
      'Alur status: new → verified → in_progress → resolved; yang masih terbuka → rejected; dibuka kembali. Selain itu 409.',
    body: incidentChangeSchema,
    responses: {
      200: ok(
        'apa yang berubah, dan insiden sekarang',
        z.object({ changed: z.array(z.string()), incident: incidentDetail }),
      ),
    },
  },
  'POST /api/incidents/:id/notes': {
    summary: 'Tambah catatan internal',
    tag: 'Insiden',
    access: 'operator',
    body: textBody,
    responses: { 201: ok('catatannya', z.object({ id })) },
  },
  'POST /api/incidents/:id/replies': {
    summary: 'Balas pelapor lewat kanal yang ia pakai',
    tag: 'Insiden',
    access: 'operator',
    body: textBody,
    responses: {
      202: ok(
        'masuk antrean kirim',
        z.object({ id: id.nullable(), outboundMessageId: id, state: z.literal('pending') }),
      ),
    },
  },
  'POST /api/incidents/:id/merge': {
    summary: 'Gabungkan insiden ini ke insiden lain (id atau kode)',
    tag: 'Insiden',
    access: 'operator',
    body: mergeBody,
    responses: { 200: ok('digabung', z.object({ merged: id, into: id, messagesMoved: z.number().int() })) },
  },
  'POST /api/incidents/:id/ack': {
    summary: 'Terima peringatan (menghentikan eskalasi)',
    tag: 'Tindak lanjut',
    access: 'operator',
    responses: {
      200: ok(
        'diterima (false: sudah diterima orang lain)',
        z.object({
          acknowledged: z.boolean(),
          acknowledgedAt: z.string().nullable(),
          acknowledgedBy: z.string().nullable(),
        }),
      ),
    },
  },
  'POST /api/incidents/:id/forwards': {
    summary: 'Teruskan ringkasan ke pemangku kepentingan',
    tag: 'Tindak lanjut',
    access: 'operator',
    body: forwardBody,
    responses: { 202: ok('masuk antrean', z.object({ ids: z.array(id) })) },
  },
  'GET /api/incidents/:id/stakeholder-suggestions': {
    summary: 'Pemangku kepentingan yang cocok dengan kategori dan kecamatan insiden',
    tag: 'Tindak lanjut',
    access: 'viewer',
    responses: { 200: ok('saran, kecocokan eksplisit dahulu', itemsOf(z.looseObject({ id }))) },
  },
  'GET /api/users': {
    summary: 'Petugas (untuk penugasan)',
    tag: 'Direktori',
    access: 'viewer',
    responses: { 200: ok('akun petugas', itemsOf(z.looseObject({ id, name: z.string() }))) },
  },
  'GET /api/stakeholders': {
    summary: 'Direktori pemangku kepentingan',
    tag: 'Direktori',
    access: 'viewer',
    responses: { 200: ok('pemangku kepentingan', itemsOf(stakeholder)) },
  },
  'POST /api/stakeholders': {
    summary: 'Tambah pemangku kepentingan',
    tag: 'Direktori',
    access: 'admin',
    body: stakeholderBody,
    responses: { 201: ok('pemangku kepentingannya', stakeholder) },
  },
  'PATCH /api/stakeholders/:id': {
    summary: 'Ubah pemangku kepentingan',
    tag: 'Direktori',
    access: 'admin',
    body: stakeholderPatch,
    responses: { 200: ok('pemangku kepentingannya', stakeholder) },
  },
  'GET /api/duty': {
    summary: 'Daftar petugas siaga, urut eskalasi',
    tag: 'Petugas siaga',
    access: 'viewer',
    responses: { 200: ok('daftarnya', itemsOf(dutyEntry)) },
  },
  'GET /api/duty/now': {
    summary: 'Siapa yang siaga sekarang',
    tag: 'Petugas siaga',
    access: 'viewer',
    responses: { 200: ok('siaga sekarang', z.object({ at: z.string(), items: z.array(dutyEntry) })) },
  },
  'POST /api/duty': {
    summary: 'Tambah petugas ke daftar siaga',
    tag: 'Petugas siaga',
    access: 'admin',
    body: dutyInputSchema,
    responses: { 201: ok('entrinya', dutyEntry) },
  },
  'PATCH /api/duty/:id': {
    summary: 'Ubah entri daftar siaga (juga active, position)',
    tag: 'Petugas siaga',
    access: 'admin',
    body: dutyPatchBody,
    responses: { 200: ok('entrinya', dutyEntry) },
  },
  'DELETE /api/duty/:id': {
    summary: 'Keluarkan petugas dari daftar (dinonaktifkan)',
    tag: 'Petugas siaga',
    access: 'admin',
    responses: { 200: ok('kini nonaktif', z.object({ id, active: z.literal(false) })) },
  },
  'PUT /api/duty/:id/exceptions/:date': {
    summary: 'Atur pengecualian bertanggal (libur hari itu, atau jam lain)',
    tag: 'Petugas siaga',
    access: 'admin',
    body: exceptionBody,
    responses: {
      200: ok(
        'pengecualiannya',
        z.object({ date: z.string(), onDuty: z.boolean(), from: z.string().nullable(), to: z.string().nullable() }),
      ),
    },
  },
  'DELETE /api/duty/:id/exceptions/:date': {
    summary: 'Hapus pengecualian bertanggal',
    tag: 'Petugas siaga',
    access: 'admin',
    responses: { 200: ok('dihapus', z.object({ deleted: z.literal(true) })) },
  },
  'GET /api/audit': {
    summary: 'Log audit, terbaru dahulu',
    tag: 'Admin',
    access: 'admin',
    query: pageQuery,
    responses: { 200: ok('satu halaman entri', paged(auditEntry)) },
  },
  'GET /api/dead-letters': {
    summary: 'Pekerjaan yang gagal permanen (tanpa datanya)',
    tag: 'Admin',
    access: 'admin',
    responses: { 200: ok('pekerjaan gagal', itemsOf(deadLetter)) },
  },
  'POST /api/dead-letters/:id/retry': {
    summary: 'Ulangi pekerjaan gagal (`<antrean>:<jobId>`)',
    tag: 'Admin',
    access: 'admin',
    responses: { 200: ok('diulang', z.object({ id: z.string(), retried: z.literal(true) })) },
  },
  'GET /api/messages': {
    summary: 'Pesan mentah menurut status (bawaan: unreadable)',
    tag: 'Admin',
    access: 'viewer',
    query: pageQuery.extend({ state: z.enum(['unreadable', 'received', 'processed']).optional() }),
    responses: { 200: ok('satu halaman pesan', paged(rawMessageSummary)) },
  },
  'GET /api/settings': {
    summary: 'Pengaturan saat ini dan nilai bawaannya',
    tag: 'Admin',
    access: 'admin',
    responses: {
      200: ok(
        'pengaturan',
        z.object({ settings: z.record(z.string(), z.unknown()), defaults: z.record(z.string(), z.unknown()) }),
      ),
    },
  },
  'PUT /api/settings': {
    summary: 'Ubah pengaturan (satu skema; 400 bad_setting menyebut pengaturannya)',
    tag: 'Admin',
    access: 'admin',
    body: settingsChangeSchema,
    responses: {
      200: ok(
        'pengaturan sekarang dan yang berubah',
        z.object({ settings: z.record(z.string(), z.unknown()), changed: z.array(z.string()) }),
      ),
    },
  },
  'GET /api/webhooks': {
    summary: 'Langganan webhook (tanpa rahasianya)',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 200: ok('langganan', itemsOf(webhookSubscription)) },
  },
  'POST /api/webhooks': {
    summary: 'Langgankan URL mitra pada peristiwa',
    tag: 'Integrasi',
    access: 'admin',
    description: 'Tanpa `secret`, rahasia dibuat otomatis. Jawaban ini satu-satunya saat rahasia ditampilkan.',
    body: webhookCreateBody,
    responses: { 201: ok('langganan dan rahasianya', webhookSubscription.extend({ secret: z.string() })) },
  },
  'PATCH /api/webhooks/:id': {
    summary: 'Ubah langganan (URL, peristiwa, rahasia, tepercaya, aktif)',
    tag: 'Integrasi',
    access: 'admin',
    body: webhookPatchBody,
    responses: { 200: ok('langganannya', webhookSubscription) },
  },
  'DELETE /api/webhooks/:id': {
    summary: 'Hapus langganan (lognya disimpan)',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 204: ok('dihapus') },
  },
  'GET /api/webhooks/:id/deliveries': {
    summary: 'Log pengiriman satu langganan, terbaru dahulu',
    tag: 'Integrasi',
    access: 'admin',
    query: pageQuery,
    responses: { 200: ok('satu halaman pengiriman', paged(webhookDelivery)) },
  },
  'GET /api/open311/keys': {
    summary: 'Kunci api Open311 (tanpa kuncinya)',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 200: ok('kunci', itemsOf(open311Key)) },
  },
  'POST /api/open311/keys': {
    summary: 'Terbitkan kunci api untuk sistem klien Open311',
    tag: 'Integrasi',
    access: 'admin',
    description: 'Jawaban ini satu-satunya saat kunci ditampilkan; hanya SHA-256-nya yang disimpan.',
    body: open311KeyBody,
    responses: { 201: ok('kuncinya', z.object({ id, name: z.string(), apiKey: z.string() })) },
  },
  'DELETE /api/open311/keys/:id': {
    summary: 'Cabut kunci api Open311',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 204: ok('dicabut') },
  },

  // Added with people and access, conversations, exports, the RT heads' app and reports taken by staff.
  'GET /api/incidents.xlsx': {
    summary: 'Ekspor insiden yang cocok sebagai Excel (xlsx, tanggal sebagai tanggal)',
    tag: 'Insiden',
    access: 'viewer',
    query: incidentQuery.omit({ limit: true, cursor: true }),
    responses: {
      200: {
        description: 'semua insiden yang cocok',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
  },
  'POST /api/incidents/:id/messages/:messageId/split': {
    summary: 'Memisahkan pesan yang masuk ke percakapan menjadi insiden sendiri',
    tag: 'Insiden',
    access: 'operator',
    responses: { 201: ok('insiden baru', z.looseObject({ incident: z.looseObject({ id, reference: z.string() }) })) },
  },
  'POST /api/incidents': {
    summary: 'Mencatat laporan telepon atau datang langsung',
    tag: 'Insiden',
    access: 'operator',
    body: staffReportSchema,
    responses: {
      200: ok('masuk ke percakapan laporan lama', incidentDetail),
      201: ok('insiden baru', incidentDetail),
      202: ok('masih di antrean', z.looseObject({ state: z.literal('queued') })),
    },
  },
  'POST /api/incidents/preview': {
    summary: 'Apa yang dibaca normalizer dari teks (tidak menyimpan apa pun)',
    tag: 'Insiden',
    access: 'operator',
    body: previewBody,
    responses: { 200: ok('bacaan normalizer', z.looseObject({})) },
  },
  'GET /api/messages/other': {
    summary: 'Pesan lain: noise, balasan otomatis dan pesan tak terbaca (disamarkan untuk pemantau)',
    tag: 'Pesan',
    access: 'viewer',
    responses: { 200: ok('satu halaman pesan', z.looseObject({ items: z.array(z.looseObject({ id })) })) },
  },
  'POST /api/messages/:id/incident': {
    summary: 'Menjadikan pesan yang salah baca sebuah insiden',
    tag: 'Pesan',
    access: 'operator',
    responses: { 201: ok('insiden baru', z.looseObject({})), 202: ok('masih di antrean', z.looseObject({})) },
  },
  'POST /api/settings/preview': {
    summary: 'Pratinjau template dan panjang SMS-nya',
    tag: 'Admin',
    access: 'admin',
    body: settingsPreviewBody,
    responses: { 200: ok('teks contoh, jumlah karakter dan bagian SMS', z.looseObject({})) },
  },
  'GET /api/holidays': {
    summary: 'Hari libur setahun: nasional dan yang diisi admin',
    tag: 'Admin',
    access: 'viewer',
    query: holidaysQuery,
    responses: {
      200: ok('hari libur', z.object({ items: z.array(z.object({ date: z.string(), name: z.string() })) })),
    },
  },
  'GET /api/reporters': {
    summary: 'Pelapor terdaftar (ketua RT/RW, kantor lurah, FKDM)',
    tag: 'Pelapor terdaftar',
    access: 'operator',
    responses: { 200: ok('pelapor terdaftar', z.looseObject({ items: z.array(z.looseObject({ id })) })) },
  },
  'POST /api/reporters': {
    summary: 'Mendaftarkan pelapor',
    tag: 'Pelapor terdaftar',
    access: 'admin',
    body: z.object({
      name: z.string(),
      phone: z.string(),
      role: z.string().describe('ketua_rt, ketua_rw, lurah, fkdm'),
      kelurahan: z.string().describe('nama atau kode kelurahan'),
      rt: z.string().optional(),
      rw: z.string().optional(),
    }),
    responses: { 201: ok('pelapor terdaftar', z.looseObject({})) },
  },
  'PATCH /api/reporters/:id': {
    summary: 'Mengaktifkan atau menonaktifkan pelapor (menonaktifkan mengakhiri sesi aplikasinya)',
    tag: 'Pelapor terdaftar',
    access: 'admin',
    body: reporterPatchBody,
    responses: { 200: ok('pelapor', z.looseObject({})) },
  },
  'GET /api/reporters/:id/sessions': {
    summary: 'Sesi aplikasi seorang pelapor',
    tag: 'Pelapor terdaftar',
    access: 'admin',
    responses: { 200: ok('sesi', z.looseObject({})) },
  },
  'DELETE /api/reporters/:id/sessions': {
    summary: 'Mengakhiri semua sesi aplikasi seorang pelapor',
    tag: 'Pelapor terdaftar',
    access: 'admin',
    responses: { 200: ok('sesi diakhiri', z.looseObject({})), 204: ok('sesi diakhiri') },
  },
  'POST /api/users': {
    summary: 'Menambah akun petugas (nama, email, peran, kata sandi pertama)',
    tag: 'Akses',
    access: 'admin',
    body: newUserBody,
    responses: { 201: ok('akun', z.looseObject({})) },
  },
  'PATCH /api/users/:id': {
    summary: 'Mengubah peran, nama, atau menonaktifkan akun (mengakhiri sesi dan token)',
    tag: 'Akses',
    access: 'admin',
    body: userChangeBody,
    responses: { 200: ok('akun', z.looseObject({})) },
  },
  'GET /api/tokens': {
    summary: 'Token API (tanpa nilainya)',
    tag: 'Akses',
    access: 'admin',
    responses: { 200: ok('token', z.looseObject({ items: z.array(z.looseObject({ id })) })) },
  },
  'POST /api/tokens': {
    summary: 'Membuat token API (nilainya ditampilkan sekali)',
    tag: 'Akses',
    access: 'admin',
    body: newTokenBody,
    responses: { 201: ok('token baru', z.looseObject({ token: z.string() })) },
  },
  'DELETE /api/tokens/:id': {
    summary: 'Mencabut token API',
    tag: 'Akses',
    access: 'admin',
    responses: { 200: ok('dicabut', z.looseObject({})), 204: ok('dicabut') },
  },
  'POST /api/session/password': {
    summary: 'Mengganti kata sandi sendiri (sesi lain berakhir)',
    tag: 'Sesi',
    access: 'viewer',
    body: passwordChangeBody,
    responses: { 200: ok('kata sandi diganti', z.looseObject({})), 204: ok('kata sandi diganti') },
  },
};
