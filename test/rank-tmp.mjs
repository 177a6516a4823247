import { createLogger, openDatabase, generateSigningKey, anonymous } from '@radar/common';
import { loadConfig, practiceEntities, practiceMigrations, Practice } from '@radar/practices';
import { rankSimilar, probeOf } from '../services/practices/dist/practice/practice.similar.js';
import { performance } from 'node:perf_hooks';
const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', DATABASE_PREFIX: 'radar_bench87490a7d', LOG_LEVEL: 'silent', RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }), ORGANISATIONS_URL: 'http://127.0.0.1:1/graphql' });
const db = await openDatabase({ service: 'practices', entities: practiceEntities, migrations: practiceMigrations, config, log: createLogger('t', 'silent') });
const conn = db.orm.em.fork().getConnection();
const ids = (await conn.execute("select id from practice where status = 'PUBLISHED' order by md5(id::text) limit 12", [], 'all')).map((r) => r.id);
for (const id of ids) {
  const em = db.orm.em.fork();
  const practice = await em.findOneOrFail(Practice, { id });
  const t0 = performance.now();
  const [matches] = await rankSimilar(em, anonymous, [probeOf(practice)], 10);
  const t1 = performance.now();
  const probe = probeOf(practice);
  console.log((t1 - t0).toFixed(0), 'ms', matches.length, probe.texts.join(' ').length, 'chars');
}
await db.close();
