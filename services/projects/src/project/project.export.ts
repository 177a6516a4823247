// The projects stream of a full dump: every project that is not deleted, with its participants, practice links,
// synergies and twinning, in the shape the exporter's GraphQL selection reads, built as JSON by PostgreSQL.
import { isoDateSql, isoTimestampSql, type RecordStream } from '@radar/common';

const ref = (column: string) => `json_build_object('id', ${column})`;

/** A twinning, with its adopters and stages: at most one per project, so a subquery. */
const twinning = `(select json_build_object('type', t.type, 'outcome', t.outcome,
    'completedAt', ${isoTimestampSql('t.completed_at')}, 'originator', ${ref('t.originator_id')},
    'practice', ${ref('t.practice_id')},
    'adopters', coalesce((select json_agg(json_build_object('organisation', ${ref('a.organisation_id')},
        'adoption', case when a.adoption_id is null then null else ${ref('a.adoption_id')} end)
        order by a.organisation_id) from twinning_adopter a where a.twinning_project_id = t.project_id), '[]'),
    'stages', coalesce((select json_agg(json_build_object('name', st.name,
        'startDate', ${isoDateSql('st.start_date')}, 'endDate', ${isoDateSql('st.end_date')},
        'description', st.description) order by st.start_date)
        from twinning_stage st where st.twinning_project_id = t.project_id), '[]'))
  from twinning t where t.project_id = p.id)`;

// Lists in the order the GraphQL field resolvers give them (see loaders.ts).
export const projectStream: RecordStream = {
  table: 'project',
  alias: 'p',
  where: 'p.deleted_at is null',
  fields: `'id', p.id, 'acronym', p.acronym, 'title', p.title, 'summary', p.summary, 'language', p.language,
    'translations', p.translations, 'kind', p.kind,
    'programme', p.programme, 'funder', case when p.funder_id is null then null else ${ref('p.funder_id')} end,
    'grantNumber', p.grant_number, 'cordisId', p.cordis_id, 'startDate', ${isoDateSql('p.start_date')},
    'endDate', ${isoDateSql('p.end_date')}, 'totalBudget', p.total_budget::text,
    'euContribution', p.eu_contribution::text, 'website', p.website, 'twinning', ${twinning},
    'createdAt', ${isoTimestampSql('p.created_at')}, 'updatedAt', ${isoTimestampSql('p.updated_at')}`,
  lists: {
    participants: {
      from: 'project_participant c',
      key: 'project_id',
      json: `json_build_object('role', c.role, 'organisation', ${ref('c.organisation_id')})`,
      order: 'c.role, c.organisation_id',
    },
    practices: {
      from: 'project_practice c',
      key: 'project_id',
      json: `json_build_object('role', c.role, 'practice', ${ref('c.practice_id')})`,
      order: 'c.practice_id',
    },
    synergies: {
      from: 'project_synergy c join project other on other.id = c.other_id and other.deleted_at is null',
      key: 'project_id',
      json: `json_build_object('kind', c.kind, 'project', ${ref('c.other_id')})`,
      order: 'c.other_id',
    },
  },
};
