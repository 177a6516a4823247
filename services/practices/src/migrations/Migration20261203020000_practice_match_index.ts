// Indexes a need's shortlist is read through: one GIN index over the maturity and everything the quick ranking
// compares, so each of its conjunctions is one scan, and the counted adoptions by country, read by the index alone.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261203020000_practice_match_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "practice_match_index" on "practice" using gin ((array["maturity"]), "cdhi_codes_expanded", "health_system_challenges", "service_types", "target_groups", "care_settings", "languages");`,
    );
    this.addSql(
      `create index "adoption_counted_country_index" on "adoption" ("country", "practice_id") where "deleted_at" is null and "status" <> 'PLANNED';`,
    );
  }
}
