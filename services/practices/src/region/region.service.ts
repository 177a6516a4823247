// NUTS region names: curators load them (a row at a time or a whole Eurostat file), and every place RADAR shows a
// region (uptake rows and series, adoptions, practices) looks its name up here, once per request.
import { badUserInput, type Caller, type EntityManager, nutsCountry, requireCurator, textArray } from '@radar/common';
import { levelOf } from '../uptake/uptake.service.js';
import { RegionName } from './region.entity.js';
import type { NameRegionsInput } from './region.inputs.js';
import type { NameRegionsResult, NutsRegion } from './region.types.js';

/**
 * The names of the regions among `codes` that have one, in one statement. The codes go as one array parameter, as a
 * series can count in more regions than a statement may have parameters.
 */
export async function regionNames(em: EntityManager, codes: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  // Through the manager, not its connection, so that inside a transaction it runs in it (the embedded database has
  // only the one connection the transaction holds).
  const found = await em.execute<{ code: string; name: string }[]>(
    'select code, name from nuts_region where code = any(?::text[])',
    [textArray(wanted)],
    'all',
  );
  return new Map(found.map((row) => [row.code, row.name]));
}

/** A region as GraphQL shows it, named from `names` (null when it has none). */
export function nutsRegion(code: string, names: ReadonlyMap<string, string>): NutsRegion {
  return { code, name: names.get(code) ?? null, country: nutsCountry(code), level: levelOf(code) };
}

/**
 * Names regions, or corrects their names: a curator's work. Every row is checked before anything is written (the
 * input's rules, then no region twice), so a bad row names itself and leaves every name as it was. Sending the same
 * names again changes nothing.
 */
export async function nameRegions(
  em: EntityManager,
  caller: Caller,
  input: NameRegionsInput,
): Promise<NameRegionsResult> {
  requireCurator(caller);
  const first = new Map<string, number>();
  for (const [index, row] of input.regions.entries()) {
    const earlier = first.get(row.code);
    if (earlier !== undefined) {
      throw badUserInput(`regions[${index}].code`, `names ${row.code} again (first in regions[${earlier}])`);
    }
    first.set(row.code, index);
  }
  return em.transactional(async (tx) => {
    const stored = await regionNames(tx, first.keys());
    const result: NameRegionsResult = { named: 0, changed: 0, unchanged: 0 };
    const now = new Date();
    const writes: Partial<RegionName>[] = [];
    for (const { code, name } of input.regions) {
      const before = stored.get(code);
      if (before === name) {
        result.unchanged += 1;
        continue;
      }
      if (before === undefined) result.named += 1;
      else result.changed += 1;
      writes.push({ code, name, createdAt: now, updatedAt: now });
    }
    if (writes.length > 0) {
      await tx.upsertMany(RegionName, writes as RegionName[], {
        onConflictFields: ['code'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['name', 'updatedAt'],
      });
    }
    return result;
  });
}
