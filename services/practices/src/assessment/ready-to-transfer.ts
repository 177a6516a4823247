// "Ready to transfer": published practices in routine use or scaled up, with evidence, in active use in at least
// `minPlaces` distinct countries or NUTS 2 regions; the list an editorial team promotes. One statement a page.
import {
  badUserInput,
  type Caller,
  countryName,
  decodeCursor,
  type EntityManager,
  pageSize,
  rows,
  toConnection,
} from '@radar/common';
import { evidenceKinds, maturityStages } from '../practice/practice.codes.js';
import { filterCondition, practicesInOrder } from '../practice/practice.search.js';
import { READY_MATURITY, type ReadyToTransferArgs } from './ready-to-transfer.inputs.js';
import { type ReadyToTransferRow, SpreadLevel } from './ready-to-transfer.types.js';

/**
 * An adoption (alias `a`) is active when it is piloting or ongoing and its period, if it has one, includes today.
 * Its NUTS 2 region is the first four characters of a NUTS 2 or NUTS 3 code.
 */
const ACTIVE_SQL = `a.deleted_at is null and a.status in ('PILOTING', 'ONGOING')
  and (a.start_date is null or a.start_date <= current_date) and (a.end_date is null or a.end_date >= current_date)`;

interface SpreadRow {
  /** Null on the one row of an empty page, which still carries the total. */
  id: string | null;
  title: string;
  maturity: string;
  countries: string[];
  regions: string[];
  evidence: string[];
  places: number;
  total: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const labelIn = (list: readonly { code: string; label: string }[], code: string) =>
  list.find((entry) => entry.code === code)?.label ?? code;

function reasonsFor(row: SpreadRow, by: SpreadLevel): string[] {
  const maturity = labelIn(maturityStages, row.maturity);
  const kinds = [...new Set(row.evidence.map((kind) => labelIn(evidenceKinds, kind).toLowerCase()))];
  const countries = `${plural(row.countries.length, 'country', 'countries')} (${row.countries.map(countryName).join(', ')})`;
  const regions = `${plural(row.regions.length, 'NUTS 2 region', 'NUTS 2 regions')} (${row.regions.join(', ')})`;
  return [
    `Maturity: ${maturity}.`,
    by === SpreadLevel.REGION
      ? `In active use in ${regions}, in ${countries}.`
      : `In active use in ${countries}${row.regions.length > 0 ? `, ${regions}` : ''}.`,
    `Evidence: ${plural(row.evidence.length, 'link', 'links')} (${kinds.join(', ')}).`,
  ];
}

export async function readyToTransfer(em: EntityManager, caller: Caller, args: ReadyToTransferArgs) {
  const size = pageSize(args.first);
  const condition = filterCondition(caller, { minMaturity: READY_MATURITY });
  const places = args.by === SpreadLevel.REGION ? 'regions' : 'countries';
  const params: unknown[] = [...condition.params, args.minPlaces];
  let cursorSql = '';
  if (args.after) {
    const [count, title, id] = decodeCursor(args.after, 3);
    if (typeof count !== 'number' || typeof title !== 'string' || typeof id !== 'string') {
      throw badUserInput('after', 'is not a cursor returned by this API');
    }
    cursorSql = 'where places < ? or (places = ? and (title, id) > (?, ?::uuid))';
    params.push(count, count, title, id);
  }
  const found = await rows<SpreadRow>(
    em,
    `with spread as (
        select a.practice_id, array_agg(distinct a.country order by a.country) as countries,
          coalesce(array_agg(distinct left(a.nuts, 4) order by left(a.nuts, 4)) filter (where length(a.nuts) >= 4), '{}') as regions
        from adoption a where ${ACTIVE_SQL} group by a.practice_id
      ),
      ready as (
        select p.id, p.title, p.maturity, s.countries, s.regions, cardinality(s.${places})::int as places,
          array(select e.kind from practice_evidence e where e.practice_id = p.id order by e.position) as evidence
        from practice p join spread s on s.practice_id = p.id
        where ${condition.sql} and exists (select 1 from practice_evidence e where e.practice_id = p.id)
          and cardinality(s.${places}) >= ?
      )
      select t.total, r.* from (select count(*)::int as total from ready) t
      left join lateral (select * from ready ${cursorSql} order by places desc, title asc, id asc limit ${size + 1}) r on true
      order by r.places desc, r.title asc, r.id asc`,
    params,
  );
  const ids = found.flatMap((row) => (row.id ? [row.id] : []));
  const practices = new Map((await practicesInOrder(em, ids)).map((practice) => [practice.id, practice]));
  const result: ReadyToTransferRow[] = found.flatMap((row) => {
    const practice = row.id ? practices.get(row.id) : undefined;
    return practice
      ? [
          {
            practice,
            places: row.places,
            countries: row.countries,
            regions: row.regions,
            reasons: reasonsFor(row, args.by),
          },
        ]
      : [];
  });
  return toConnection(
    result,
    size,
    found[0]?.total ?? 0,
    (row) => [row.places, row.practice.title, row.practice.id],
    Boolean(args.after),
  );
}
