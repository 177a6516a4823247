// Possible duplicates of organisations: another live organisation with the same name (case, accents, punctuation
// and a trailing legal form such as "GmbH", "S.A." or "Ltd" ignored), the same acronym, or a name that is the
// other's acronym.
import { type EntityManager, rows } from '@radar/common';
import { Organisation } from './organisation.entity.js';

/** Legal forms left out when names are compared, as they read once folded and stripped of punctuation. */
export const LEGAL_FORMS = [
  'gmbh',
  'ggmbh',
  'mbh',
  'ag',
  'kg',
  'ug',
  'e v',
  'ev',
  'sa',
  's a',
  'sas',
  's a s',
  'sarl',
  's a r l',
  'srl',
  's r l',
  'spa',
  's p a',
  'sl',
  's l',
  'sociedad limitada',
  'ltd',
  'limited',
  'plc',
  'llc',
  'inc',
  'corp',
  'bv',
  'b v',
  'nv',
  'n v',
  'vzw',
  'asbl',
  'ab',
  'as',
  'a s',
  'aps',
  'oy',
  'oyj',
  'sp z o o',
  'sro',
  's r o',
  'doo',
  'd o o',
  'lda',
  'co',
  'cie',
  'et cie',
] as const;

const LEGAL_FORM_SUFFIX = `'( (${LEGAL_FORMS.join('|')}))+$'`;

/** The comparison key of a name: folded, punctuation as single spaces, trailing legal forms removed. */
export const nameKeySql = (name: string) =>
  `btrim(regexp_replace(' ' || btrim(regexp_replace(radar_fold(${name}), '[^[:alnum:]]+', ' ', 'g')), ${LEGAL_FORM_SUFFIX}, ''))`;

const acronymKeySql = (acronym: string) =>
  `nullif(regexp_replace(radar_fold(${acronym}), '[^[:alnum:]]+', '', 'g'), '')`;
const compactNameKeySql = (name: string) => `nullif(replace(${nameKeySql(name)}, ' ', ''), '')`;

export interface DuplicateMatch {
  organisation: Organisation;
  reasons: string[];
}

interface MatchRow {
  match_source: string;
  match_same_name: boolean;
  match_same_acronym: boolean;
  match_name_is_acronym: boolean;
  match_acronym_is_name: boolean;
  [column: string]: unknown;
}

/** For each id, the other live organisations it may duplicate, by name then id; deleted ones are never shown. */
export async function possibleDuplicates(em: EntityManager, ids: readonly string[]): Promise<DuplicateMatch[][]> {
  const sameName = `(${nameKeySql('s.name')} <> '' and ${nameKeySql('s.name')} = ${nameKeySql('d.name')})`;
  const sameAcronym = `(${acronymKeySql('s.acronym')} = ${acronymKeySql('d.acronym')})`;
  const nameIsAcronym = `(${compactNameKeySql('s.name')} = ${acronymKeySql('d.acronym')})`;
  const acronymIsName = `(${acronymKeySql('s.acronym')} = ${compactNameKeySql('d.name')})`;
  const found = await rows<MatchRow>(
    em,
    `select s.id as match_source, coalesce(${sameName}, false) as match_same_name,
        coalesce(${sameAcronym}, false) as match_same_acronym, coalesce(${nameIsAcronym}, false) as match_name_is_acronym,
        coalesce(${acronymIsName}, false) as match_acronym_is_name, d.*
      from organisation s join organisation d on d.id <> s.id and d.deleted_at is null
        and (${sameName} or ${sameAcronym} or ${nameIsAcronym} or ${acronymIsName})
      where s.id in (select jsonb_array_elements_text(?::jsonb)::uuid)
      order by d.name, d.id`,
    [JSON.stringify(ids)],
  );
  return ids.map((id) =>
    found
      .filter((row) => row.match_source === id)
      .map(
        ({
          match_source: _source,
          match_same_name: name,
          match_same_acronym: acronym,
          match_name_is_acronym: nameIsAcr,
          match_acronym_is_name: acrIsName,
          ...columns
        }) => {
          const reasons: string[] = [];
          if (name) reasons.push('same name');
          if (acronym) reasons.push('same acronym');
          if (nameIsAcr) reasons.push('name is its acronym');
          if (acrIsName) reasons.push('acronym is its name');
          return { organisation: em.map(Organisation, columns), reasons };
        },
      ),
  );
}
