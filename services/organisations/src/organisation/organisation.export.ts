// The organisations stream of a full dump: every organisation that is not deleted, with its identifiers and the
// networks it belongs to, in the shape the exporter's GraphQL selection reads, built as JSON by PostgreSQL.
import { isoTimestampSql, type RecordStream } from '@radar/common';
import { identifierIriSql } from './organisation.codes.js';

export const organisationStream: RecordStream = {
  table: 'organisation',
  alias: 'o',
  where: 'o.deleted_at is null',
  fields: `'id', o.id, 'name', o.name, 'acronym', o.acronym, 'kind', o.kind, 'country', o.country, 'nuts', o.nuts,
    'city', o.city, 'website', o.website, 'email', o.email, 'description', o.description,
    'createdAt', ${isoTimestampSql('o.created_at')}, 'updatedAt', ${isoTimestampSql('o.updated_at')}`,
  lists: {
    memberships: {
      from: 'organisation_membership c join organisation n on n.id = c.network_id and n.deleted_at is null',
      key: 'member_id',
      json: `json_build_object('id', n.id)`,
      order: 'n.name, n.id',
    },
    identifiers: {
      from: 'organisation_identifier c',
      key: 'organisation_id',
      json: `json_build_object('scheme', c.scheme, 'value', c.value, 'iri', ${identifierIriSql('c.scheme', 'c.value')})`,
      order: 'c.scheme',
    },
  },
};
