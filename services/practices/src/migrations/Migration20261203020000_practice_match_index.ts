// One GIN index over what a need's candidates are first found by, so that a need's shortlist is read through it.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261203020000_practice_match_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "practice_match_index" on "practice" using gin ("cdhi_codes_expanded", "health_system_challenges", "service_types", "target_groups", "care_settings", "languages");`,
    );
  }
}
