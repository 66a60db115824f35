/**
 * Staff list and search latency at 1,000,000 incidents (npx tsx bench/staff-list.ts [count]).
 * Seeds a scratch database with generate_series (real-looking Indonesian titles and summaries, two years of
 * received_at, skewed priorities), then times the workspace's own query code (listIncidents): p50 and p95.
 * Target: p95 under 50 ms.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDb, ensureDatabase } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';
import { type IncidentFilter, listIncidents } from '../src/db/repos/incident-list';
import { databaseUrl, dropDatabase } from '../test/helpers/test-database';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const RUNS = 200;
const TZ = 'Asia/Makassar';

async function seed(url: string): Promise<void> {
  await dropDatabase(url);
  await ensureDatabase(url);
  const db = createDb(url, { max: 2 });
  await migrateToLatest(db);
  const started = performance.now();
  await sql`
    insert into incidents (reference, status, channel, category, priority, title, summary, kecamatan, kecamatan_code,
                           kelurahan, kelurahan_code, received_at, keywords, machine, created_at, updated_at)
    select 'HK-' || upper(lpad(to_hex(g), 6, '0')),
           (array['new','verified','in_progress','resolved','resolved','resolved','rejected'])[1 + g % 7],
           (array['sms','sms','whatsapp','email'])[1 + (g / 7) % 4],
           c.code,
           case when g % 50 = 0 then 'urgent' when g % 9 = 0 then 'high' when g % 5 = 0 then 'low' else 'normal' end,
           c.title || ' di ' || k.name,
           c.text || ' di sekitar Kel. ' || k.kel || ' Kec. ' || k.name || ', laporan warga nomor ' || g,
           k.name, k.code, k.kel, k.code || '.100' || (g % 9),
           timestamptz '2025-06-01' - make_interval(secs => g * 63),
           array[c.kw], '{}', now(), now()
      from generate_series(1, ${COUNT}) g
      cross join lateral (select * from (values
        (0, 'konflik_sosial', 'Tawuran pemuda', 'Ada tawuran antar kelompok pemuda, saling lempar batu', 'tawuran'),
        (1, 'penyakit_masyarakat', 'Pesta miras', 'Tiap malam ada pesta miras di lorong, warga resah', 'miras'),
        (2, 'unjuk_rasa', 'Unjuk rasa mahasiswa', 'Besok ada demo mahasiswa menolak kenaikan harga', 'demo'),
        (3, 'hoaks', 'Hoaks penculikan anak', 'Beredar kabar bohong penculikan anak di grup WhatsApp', 'hoaks'),
        (4, 'bencana', 'Banjir', 'Banjir setinggi lutut, warga mulai mengungsi', 'banjir'),
        (5, 'sengketa_lahan', 'Sengketa lahan', 'Warga bersengketa soal batas kebun dengan perusahaan', 'sengketa'),
        (6, 'kriminalitas', 'Pencurian motor', 'Motor warga dicuri tadi malam di depan rumah', 'pencurian'),
        (7, 'orang_asing', 'Orang asing mencurigakan', 'Ada orang asing menginap tanpa lapor RT', 'asing'),
        (8, 'sara', 'Ujaran SARA', 'Spanduk berisi ujaran kebencian antar suku dipasang', 'spanduk'),
        (9, 'lainnya', 'Laporan warga', 'Warga minta pendampingan terkait keributan kecil', 'keributan')
      ) as v(n, code, title, text, kw) where v.n = (g * 7 + g / 13) % 10) c
      cross join lateral (select * from (values
        (0, '73.73.01', 'Wara', 'Amassangan'), (1, '73.73.02', 'Wara Utara', 'Salobulo'),
        (2, '73.73.03', 'Wara Selatan', 'Takkalala'), (3, '73.73.04', 'Telluwanua', 'Maroangin'),
        (4, '73.73.05', 'Wara Timur', 'Salekoe'), (5, '73.73.06', 'Wara Barat', 'Battang'),
        (6, '73.73.07', 'Sendana', 'Sendana'), (7, '73.73.08', 'Mungkajang', 'Latuppa'),
        (8, '73.73.09', 'Bara', 'Balandai')
      ) as v(n, code, name, kel) where v.n = (g / 3) % 9) k`.execute(db);
  // A rare word, as a needle for the selective search.
  await sql`update incidents set summary = summary || ' ada korban luka bacok' where id % 20000 = 0`.execute(db);
  await sql`vacuum analyze incidents`.execute(db);
  console.error(`seeded ${COUNT} incidents in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await db.destroy();
}

interface Case {
  label: string;
  filter: IncidentFilter;
  second?: boolean;
}

const CASES: Case[] = [
  { label: 'default list (50 newest)', filter: {} },
  { label: 'default list, page 2 (keyset)', filter: {}, second: true },
  { label: 'status=new', filter: { status: ['new'] } },
  { label: 'status=new,verified & priority=urgent', filter: { status: ['new', 'verified'], priority: ['urgent'] } },
  { label: 'kecamatan=73.73.05 & category=bencana', filter: { kecamatan: ['73.73.05'], category: ['bencana'] } },
  {
    label: 'channel=email & since 2025-01-01',
    filter: { channel: ['email'], since: { kind: 'date', date: '2025-01-01' } },
  },
  { label: 'full text q=tawuran (10% of rows)', filter: { q: 'tawuran' } },
  { label: 'full text q="luka bacok" (rare)', filter: { q: 'luka bacok' } },
  { label: 'full text q=banjir & status=new', filter: { q: 'banjir', status: ['new'] } },
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function main(): Promise<void> {
  const url = databaseUrl('halo_bench_staff_list');
  await seed(url);
  const db = createDb(url, { max: 4 });
  const rows: string[] = ['| query | p50 ms | p95 ms |', '|---|---:|---:|'];
  for (const c of CASES) {
    const times: number[] = [];
    let cursor: string | null = null;
    if (c.second) cursor = (await listIncidents(db, c.filter, { limit: 50, timezone: TZ })).nextCursor;
    for (let i = 0; i < RUNS + 10; i++) {
      const t = performance.now();
      await listIncidents(db, c.filter, { limit: 50, cursor, timezone: TZ });
      if (i >= 10) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${c.label} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} |`);
  }
  await db.destroy();
  await dropDatabase(url);
  console.log(
    `Staff list at ${COUNT.toLocaleString('en')} incidents, ${RUNS} runs each, limit 50:\n\n${rows.join('\n')}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
