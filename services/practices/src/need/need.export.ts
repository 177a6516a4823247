// The needs stream of a full dump: every published need, in the shape the exporter's GraphQL selection reads, built
// as JSON by PostgreSQL.
import { isoDateSql, isoTimestampSql, type RecordStream } from '@radar/common';

export const needStream: RecordStream = {
  table: 'need',
  alias: 'n',
  where: `n.status = 'PUBLISHED' and n.deleted_at is null`,
  fields: `'id', n.id, 'title', n.title, 'description', n.description, 'language', n.language,
    'cdhiCodes', n.cdhi_codes, 'healthSystemChallenges', n.health_system_challenges, 'serviceTypes', n.service_types,
    'targetGroups', n.target_groups, 'careSettings', n.care_settings, 'languages', n.languages,
    'country', n.country, 'nuts', n.nuts, 'minMaturity', n.min_maturity,
    'startDate', ${isoDateSql('n.start_date')}, 'endDate', ${isoDateSql('n.end_date')},
    'owner', json_build_object('id', n.owner_id),
    'matchedPractice', case when n.matched_practice_id is null then null else json_build_object('id', n.matched_practice_id) end,
    'status', n.status, 'state', n.state,
    'createdAt', ${isoTimestampSql('n.created_at')}, 'updatedAt', ${isoTimestampSql('n.updated_at')},
    'publishedAt', ${isoTimestampSql('n.published_at')}`,
  lists: {},
};
