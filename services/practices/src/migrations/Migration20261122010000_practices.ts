// Initial schema of the practices subgraph.
import { Migration } from '@mikro-orm/migrations';
import { TEXT_SEARCH_PRELUDE_SQL } from '@radar/common';

export class Migration20261122010000_practices extends Migration {
  override async up(): Promise<void> {
    for (const statement of TEXT_SEARCH_PRELUDE_SQL) this.addSql(statement);
    this.addSql(
      `create table "practice" ("id" uuid not null, "title" varchar(300) not null, "summary" varchar(1000) not null, "description" text null, "type" text not null, "maturity" text not null, "trl" smallint null, "cdhi_codes" text[] not null, "cdhi_codes_expanded" text[] not null, "topics" text[] not null, "target_groups" text[] not null, "care_settings" text[] not null, "languages" text[] not null, "countries" text[] not null, "nuts" text[] not null, "standards" text[] not null, "landing_page" varchar(2048) null, "contact_email" varchar(254) null, "licence" varchar(100) null, "certification" varchar(200) null, "owner_id" uuid not null, "status" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null, "version" int not null default 1, "deleted_at" timestamptz null, "search_vector" tsvector generated always as (setweight(to_tsvector('simple'::regconfig, radar_fold(title)), 'A') || setweight(to_tsvector('simple'::regconfig, radar_fold(summary)), 'B') || setweight(to_tsvector('simple'::regconfig, radar_fold(coalesce(description, ''))), 'C')) stored null, primary key ("id"));`,
    );
    this.addSql(`create index "practice_owner_id_index" on "practice" ("owner_id");`);
    this.addSql(`create index "practice_status_title_index" on "practice" ("status", "title", "id");`);
    this.addSql(`create index "practice_status_updated_index" on "practice" ("status", "updated_at", "id");`);
    this.addSql(`create index "practice_changes_index" on "practice" ("updated_at", "id");`);
    this.addSql(`create index "practice_search_index" on "practice" using gin ("search_vector");`);
    this.addSql(
      `create index "practice_arrays_index" on "practice" using gin ("cdhi_codes_expanded", "topics", "target_groups", "care_settings", "languages", "countries", "nuts");`,
    );
    this.addSql(
      `alter table "practice" add constraint "practice_type_check" check ("type" in ('APP', 'DIGITAL_SERVICE', 'COMPLEX_SOLUTION', 'POLICY', 'STRATEGY', 'ASSESSMENT_FRAMEWORK', 'MODEL', 'METHOD_TOOL', 'GUIDELINE_STANDARD', 'TRAINING'));`,
    );
    this.addSql(
      `alter table "practice" add constraint "practice_maturity_check" check ("maturity" in ('CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'));`,
    );
    this.addSql(
      `alter table "practice" add constraint "practice_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'ARCHIVED'));`,
    );
    this.addSql(
      `create table "practice_evidence" ("practice_id" uuid not null, "position" smallint not null, "kind" text not null, "url" varchar(2048) not null, "title" varchar(300) null, primary key ("practice_id", "position"));`,
    );
    this.addSql(
      `alter table "practice_evidence" add constraint "practice_evidence_kind_check" check ("kind" in ('PUBLICATION', 'EVALUATION', 'CLINICAL_STUDY', 'HTA', 'CASE_STUDY', 'OTHER'));`,
    );
    this.addSql(
      `create table "practice_contributor" ("practice_id" uuid not null, "organisation_id" uuid not null, "role" text not null, primary key ("practice_id", "organisation_id"));`,
    );
    this.addSql(
      `create index "practice_contributor_organisation_id_index" on "practice_contributor" ("organisation_id");`,
    );
    this.addSql(
      `alter table "practice_contributor" add constraint "practice_contributor_role_check" check ("role" in ('DEVELOPER', 'IMPLEMENTER', 'FUNDER', 'EVALUATOR', 'PARTNER'));`,
    );
    this.addSql(
      `create table "adoption" ("id" uuid not null, "practice_id" uuid not null, "adopter_id" uuid not null, "country" varchar(2) not null, "nuts" varchar(5) null, "scale" text not null, "status" text not null, "start_date" date null, "end_date" date null, "project_id" uuid null, "note" varchar(2000) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "deleted_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "adoption_practice_id_index" on "adoption" ("practice_id");`);
    this.addSql(`create index "adoption_adopter_id_index" on "adoption" ("adopter_id");`);
    this.addSql(`create index "adoption_country_index" on "adoption" ("country");`);
    this.addSql(`create index "adoption_project_id_index" on "adoption" ("project_id");`);
    this.addSql(
      `alter table "adoption" add constraint "adoption_period_check" check ("end_date" is null or "start_date" is null or "end_date" >= "start_date");`,
    );
    this.addSql(
      `alter table "adoption" add constraint "adoption_scale_check" check ("scale" in ('PILOT', 'LOCAL', 'REGIONAL', 'NATIONAL', 'CROSS_BORDER'));`,
    );
    this.addSql(
      `alter table "adoption" add constraint "adoption_status_check" check ("status" in ('PLANNED', 'ONGOING', 'ENDED'));`,
    );
    this.addSql(
      `create table "practice_event" ("id" uuid not null, "practice_id" uuid not null, "at" timestamptz not null, "action" varchar(40) not null, "actor_key_id" varchar(64) not null, "actor_label" varchar(200) not null, "actor_role" varchar(20) not null, "changes" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "practice_event_practice_id_index" on "practice_event" ("practice_id");`);
    this.addSql(
      `alter table "practice_evidence" add constraint "practice_evidence_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_contributor" add constraint "practice_contributor_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "adoption" add constraint "adoption_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_event" add constraint "practice_event_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on delete cascade;`,
    );
  }
}
