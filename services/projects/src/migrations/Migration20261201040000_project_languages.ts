// Texts in their languages: the language a project's title and summary are written in, their translations, and a
// search vector that finds a project by the words of any of them.
import { Migration } from '@mikro-orm/migrations';
import { TRANSLATIONS_TEXT_SQL } from '@radar/common';

export class Migration20261201040000_project_languages extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRANSLATIONS_TEXT_SQL);
    this.addSql(`alter table "project" add column "language" varchar(2) not null default 'en';`);
    this.addSql(`alter table "project" add column "translations" jsonb not null default '[]';`);
    this.addSql(`alter table "project" drop column "search_vector";`);
    this.addSql(
      `alter table "project" add column "search_vector" tsvector generated always as (setweight(to_tsvector('simple'::regconfig, radar_fold(acronym)), 'A') || setweight(to_tsvector('simple'::regconfig, radar_fold(title || ' ' || radar_translations(translations, 'title'))), 'A') || setweight(to_tsvector('simple'::regconfig, radar_fold(coalesce(summary, '') || ' ' || radar_translations(translations, 'summary'))), 'B')) stored null;`,
    );
    this.addSql(`create index "project_search_index" on "project" using gin ("search_vector");`);
  }
}
