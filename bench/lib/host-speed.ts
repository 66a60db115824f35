/**
 * How fast this machine's cores are right now, by a fixed piece of work: SHA-256 over 64 MB (native code) and
 * JSON round trips of one fixed object (JavaScript). The machine is a virtual one on a shared host: the same code
 * has measured up to a quarter slower an hour later. Measured at the start and the end of a run, these figures let
 * a reader tell a slow host from slow code when comparing two runs of docs/benchmarks.md.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export interface HostSpeed {
  /** SHA-256 throughput of one core, MB/s. */
  sha256MbPerSecond: number;
  /** JSON.stringify + JSON.parse of a 1 KB object, thousands per second on one core. */
  jsonKiloOpsPerSecond: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 7);
const SAMPLE = {
  channel: 'sms',
  from: '+6281245678901',
  text: 'Lapor pak, ada tawuran antar pemuda di Jl. Andi Djemma dkt lapangan Kel. Ponjalae, skrg masih berlangsung',
  location: { kelurahan: 'Ponjalae', kecamatan: 'Wara Timur', rt: '2', rw: '3' },
  keywords: ['tawuran', 'pemuda', 'lapangan'],
  numbers: Array.from({ length: 40 }, (_, i) => i * 7.5),
};

/** The better of three short rounds of each: a momentary stall should not read as a slow host. */
export function measureHostSpeed(): HostSpeed {
  let sha = 0;
  let json = 0;
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    const hash = createHash('sha256');
    for (let i = 0; i < 1024; i++) hash.update(CHUNK);
    hash.digest();
    sha = Math.max(sha, 64 / ((performance.now() - start) / 1000));
    start = performance.now();
    let sink = 0;
    for (let i = 0; i < 50_000; i++) sink += (JSON.parse(JSON.stringify(SAMPLE)) as { text: string }).text.length;
    if (sink < 0) throw new Error('unreachable');
    json = Math.max(json, 50 / ((performance.now() - start) / 1000));
  }
  return { sha256MbPerSecond: Math.round(sha), jsonKiloOpsPerSecond: Math.round(json) };
}
