// The practices stream of a full dump: every published practice with its evidence, contributors and adoptions, in
// the shape the exporter's GraphQL selection reads, built as JSON by PostgreSQL.
import { isoDateSql, isoTimestampSql, type RecordStream } from '@radar/common';

const ref = (column: string) => `json_build_object('id', ${column})`;

// Lists in the order the GraphQL field resolvers give them (see loaders.ts).
export const practiceStream: RecordStream = {
  table: 'practice',
  alias: 'p',
  where: `p.status = 'PUBLISHED' and p.deleted_at is null`,
  fields: `'id', p.id, 'title', p.title, 'summary', p.summary, 'description', p.description, 'language', p.language,
    'translations', p.translations, 'type', p.type,
    'maturity', p.maturity, 'trl', p.trl, 'cdhiCodes', p.cdhi_codes,
    'healthSystemChallenges', p.health_system_challenges, 'serviceTypes', p.service_types, 'topics', p.topics,
    'targetGroups', p.target_groups, 'careSettings', p.care_settings, 'languages', p.languages,
    'countries', p.countries, 'nuts', p.nuts, 'landingPage', p.landing_page, 'licence', p.licence,
    'standards', p.standards, 'certification', p.certification, 'owner', ${ref('p.owner_id')}, 'status', p.status,
    'createdAt', ${isoTimestampSql('p.created_at')}, 'updatedAt', ${isoTimestampSql('p.updated_at')},
    'publishedAt', ${isoTimestampSql('p.published_at')}`,
  lists: {
    evidence: {
      from: 'practice_evidence c',
      key: 'practice_id',
      json: `json_build_object('kind', c.kind, 'url', c.url, 'title', c.title)`,
      order: 'c.position',
    },
    contributors: {
      from: 'practice_contributor c',
      key: 'practice_id',
      json: `json_build_object('role', c.role, 'organisation', ${ref('c.organisation_id')})`,
      order: 'c.role, c.organisation_id',
    },
    adoptions: {
      from: 'adoption c',
      key: 'practice_id',
      where: 'c.deleted_at is null',
      json: `json_build_object('id', c.id, 'country', c.country, 'nuts', c.nuts, 'scale', c.scale, 'status', c.status,
        'startDate', ${isoDateSql('c.start_date')}, 'endDate', ${isoDateSql('c.end_date')}, 'note', c.note,
        'createdAt', ${isoTimestampSql('c.created_at')}, 'updatedAt', ${isoTimestampSql('c.updated_at')},
        'adopter', ${ref('c.adopter_id')},
        'project', case when c.project_id is null then null else ${ref('c.project_id')} end)`,
      order: 'c.country, c.created_at',
    },
    assessments: {
      from: 'practice_assessment c',
      key: 'practice_id',
      json: `json_build_object('id', c.id, 'assessedOn', ${isoDateSql('c.assessed_on')},
        'recordedAt', ${isoTimestampSql('c.recorded_at')}, 'assessor', c.assessor_label, 'label', c.label,
        'comment', c.comment, 'scores', c.scores)`,
      order: 'c.recorded_at desc, c.id',
    },
  },
};
