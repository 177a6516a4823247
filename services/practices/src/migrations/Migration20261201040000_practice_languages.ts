// Texts in their languages: the language a practice's texts are written in, their translations, and a search
// vector that finds a practice by the words of any of them.
import { Migration } from '@mikro-orm/migrations';
import { TRANSLATIONS_TEXT_SQL } from '@radar/common';

export class Migration20261201040000_practice_languages extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRANSLATIONS_TEXT_SQL);
    this.addSql(`alter table "practice" add column "language" varchar(2) not null default 'en';`);
    this.addSql(`alter table "practice" add column "translations" jsonb not null default '[]';`);
    this.addSql(`alter table "practice" drop column "search_vector";`);
    this.addSql(
      `alter table "practice" add column "search_vector" tsvector generated always as (setweight(to_tsvector('simple'::regconfig, radar_fold(title || ' ' || radar_translations(translations, 'title'))), 'A') || setweight(to_tsvector('simple'::regconfig, radar_fold(summary || ' ' || radar_translations(translations, 'summary'))), 'B') || setweight(to_tsvector('simple'::regconfig, radar_fold(coalesce(description, '') || ' ' || radar_translations(translations, 'description'))), 'C')) stored null;`,
    );
    this.addSql(`create index "practice_search_index" on "practice" using gin ("search_vector");`);
  }
}
