// Assessments of practices against the EU Best Practice Portal's criteria: every one kept, at most one current
// (not superseded) per practice.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020000_assessments extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "practice_assessment" ("id" uuid not null, "practice_id" uuid not null, "assessed_on" date not null, "recorded_at" timestamptz not null, "assessor_key_id" varchar(64) not null, "assessor_label" varchar(200) not null, "scores" jsonb not null, "comment" text null, "label" text check ("label" in ('BEST_PRACTICE', 'PROMISING_PRACTICE', 'NOT_RECOMMENDED', 'NOT_ASSESSED')) not null, "superseded_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "practice_assessment_history_index" on "practice_assessment" ("practice_id", "recorded_at");`,
    );
    this.addSql(
      `create unique index "practice_assessment_current_index" on "practice_assessment" ("practice_id") include ("label") where "superseded_at" is null;`,
    );
    this.addSql(
      `alter table "practice_assessment" add constraint "practice_assessment_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on delete cascade;`,
    );
  }
}
