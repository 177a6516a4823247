// Similar practices at scale: the folded titles of a practice in every language, stored, so ranking a shortlist of
// candidates reads them instead of folding every candidate's title and translations again.
import { Migration } from '@mikro-orm/migrations';
import { TITLES_FOLDED_SQL } from '../practice/practice.entity.js';

export class Migration20261202030000_practice_titles extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "practice" add column "titles_folded" text generated always as (${TITLES_FOLDED_SQL}) stored null;`,
    );
  }
}
