// Reads generated JSON-LD dumps (the layout `pnpm export --format jsonld` writes) into import rows, in a child
// process per size with its heap capped at HEAP_MIB: records per second and the reader's peak memory, which stays
// flat from the smaller dump to the larger one because a dump is read a line at a time (a reader that held the file
// or its rows would run out of heap on the larger one). Bounded: a size that runs past --max-seconds is cut short
// and reported as such.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contextIri, mappings, toJsonLd } from '@radar/exporter';

const FLAT_TOLERANCE = 1.25;
const HEAP_MIB = 128;
const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    'max-seconds': { type: 'string', default: '600' },
  },
});
const sizes = flags.sizes.split(',').map(Number);
const maxSeconds = Number(flags['max-seconds']);
const context = { base: 'https://radar.example.eu' };
const ownerId = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';
const uuid = (n) => `5e1d3c0a-8b1f-4c4e-9d3a-${n.toString(16).padStart(12, '0')}`;

function practice(n) {
  return {
    id: uuid(n),
    title: `Generated practice ${n}`,
    summary: `A practice generated for the JSON-LD import benchmark, number ${n}.`,
    description: n % 3 === 0 ? `A longer *description* of practice ${n}.` : null,
    language: 'en',
    translations: n % 2 ? [{ language: 'fr', title: `Pratique ${n}`, summary: null, description: null }] : [],
    type: 'DIGITAL_SERVICE',
    maturity: 'PILOT',
    trl: 1 + (n % 9),
    cdhiCodes: ['2.4.1'],
    topics: ['TELEMONITORING'],
    targetGroups: ['HEALTH_PROFESSIONALS'],
    careSettings: ['HOME'],
    languages: ['en'],
    countries: ['RO'],
    nuts: ['RO21'],
    landingPage: `https://practice-${n}.example.org`,
    licence: 'EUPL-1.2',
    standards: ['HL7_FHIR'],
    certification: null,
    evidence: [{ kind: 'PUBLICATION', url: `https://example.org/evidence/${n}`, title: null }],
    owner: { id: ownerId },
    contributors: [{ role: 'DEVELOPER', organisation: { id: ownerId } }],
    adoptions: [],
    status: 'PUBLISHED',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    publishedAt: '2024-01-01T00:00:00.000Z',
  };
}

async function writeDump(path, count) {
  const out = createWriteStream(path);
  const write = (text) => (out.write(text) ? null : new Promise((resolve) => out.once('drain', resolve)));
  await write(`{"@context":${JSON.stringify(contextIri(context))},"@graph":[\n`);
  for (let n = 1; n <= count; n++) {
    const { '@context': _context, ...node } = toJsonLd(mappings.practices, practice(n), context);
    await write(`${n > 1 ? ',\n' : ''}${JSON.stringify(node)}`);
  }
  await write('\n]}\n');
  await new Promise((resolve) => out.end(resolve));
}

const reader = fileURLToPath(new URL('../../gateway/dist/import/jsonld.js', import.meta.url));
const childScript = `
import { createReadStream, readFileSync } from 'node:fs';
const { jsonLdRows, isRejected } = await import(${JSON.stringify(reader)});
const started = performance.now();
let rows = 0, rejected = 0;
const deadline = started + Number(process.argv[2]) * 1000;
let cut = false;
for await (const row of jsonLdRows(createReadStream(process.argv[1]))) {
  if (isRejected(row)) rejected++; else rows++;
  if (performance.now() > deadline) { cut = true; break; }
}
const seconds = (performance.now() - started) / 1000;
const hwm = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
process.stdout.write(JSON.stringify({ rows, rejected, seconds, peakKib: hwm, cut }));
`;

function measure(path) {
  return new Promise((resolve, reject) => {
    const args = [
      `--max-old-space-size=${HEAP_MIB}`,
      '--input-type=module',
      '-e',
      childScript,
      path,
      String(maxSeconds),
    ];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`reader exited ${code}`))));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'radar-bench-jsonld-'));
try {
  const results = [];
  for (const size of sizes) {
    const path = join(dir, `dump-${size}.jsonld`);
    await writeDump(path, size);
    const result = await measure(path);
    results.push({ size, ...result });
    console.log(
      `${size} practices (${(statSync(path).size / 1e6).toFixed(1)} MB of JSON-LD): ${result.rows} rows, ` +
        `${result.rejected} rejected in ${result.seconds.toFixed(1)} s = ${Math.round(result.rows / result.seconds)} records/s, ` +
        `peak RSS ${(result.peakKib / 1024).toFixed(0)} MiB${result.cut ? ` (cut short at ${maxSeconds} s)` : ''}`,
    );
    rmSync(path);
  }
  const [first, last] = [results[0], results.at(-1)];
  if (first && last && first !== last) {
    const ratio = last.peakKib / first.peakKib;
    console.log(
      `peak memory ${first.size} → ${last.size} (heap capped at ${HEAP_MIB} MiB): ×${ratio.toFixed(2)} (target: flat, within ×${FLAT_TOLERANCE}) — ${ratio <= FLAT_TOLERANCE ? 'met' : 'not met'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
