// Initial schema of the projects subgraph.
import { Migration } from '@mikro-orm/migrations';
import { TEXT_SEARCH_PRELUDE_SQL } from '@radar/common';

export class Migration20261122020000_projects extends Migration {
  override async up(): Promise<void> {
    for (const statement of TEXT_SEARCH_PRELUDE_SQL) this.addSql(statement);
    this.addSql(
      `create table "project" ("id" uuid not null, "acronym" varchar(50) not null, "title" varchar(300) not null, "summary" varchar(2000) null, "kind" text not null, "programme" text not null, "funder_id" uuid null, "grant_number" varchar(50) null, "cordis_id" varchar(20) null, "start_date" date null, "end_date" date null, "total_budget" numeric(14,2) null, "eu_contribution" numeric(14,2) null, "website" varchar(2048) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "deleted_at" timestamptz null, "search_vector" tsvector generated always as (setweight(to_tsvector('simple'::regconfig, radar_fold(acronym)), 'A') || setweight(to_tsvector('simple'::regconfig, radar_fold(title)), 'A') || setweight(to_tsvector('simple'::regconfig, radar_fold(coalesce(summary, ''))), 'B')) stored null, primary key ("id"));`,
    );
    this.addSql(`create index "project_funder_id_index" on "project" ("funder_id");`);
    this.addSql(`alter table "project" add constraint "project_grant_number_unique" unique ("grant_number");`);
    this.addSql(`alter table "project" add constraint "project_cordis_id_unique" unique ("cordis_id");`);
    this.addSql(`create index "project_dates_index" on "project" ("start_date", "end_date");`);
    this.addSql(`create index "project_changes_index" on "project" ("updated_at", "id");`);
    this.addSql(`create index "project_search_index" on "project" using gin ("search_vector");`);
    this.addSql(
      `alter table "project" add constraint "project_period_check" check ("end_date" is null or "start_date" is null or "end_date" >= "start_date");`,
    );
    this.addSql(
      `alter table "project" add constraint "project_budget_check" check (("total_budget" is null or "total_budget" >= 0) and ("eu_contribution" is null or "eu_contribution" >= 0) and ("eu_contribution" is null or "total_budget" is null or "eu_contribution" <= "total_budget"));`,
    );
    this.addSql(
      `alter table "project" add constraint "project_kind_check" check ("kind" in ('RESEARCH_INNOVATION', 'COORDINATION_SUPPORT', 'TWINNING', 'DEPLOYMENT_PILOT', 'NETWORK_SYNERGY'));`,
    );
    this.addSql(
      `alter table "project" add constraint "project_programme_check" check ("programme" in ('DIGITAL_EUROPE', 'HORIZON_EUROPE', 'EU4HEALTH', 'INTERREG', 'NATIONAL', 'REGIONAL', 'INDUSTRY_FOUNDATION', 'OTHER'));`,
    );
    this.addSql(
      `create table "project_practice" ("project_id" uuid not null, "practice_id" uuid not null, "role" text not null, primary key ("project_id", "practice_id"));`,
    );
    this.addSql(`create index "project_practice_practice_id_index" on "project_practice" ("practice_id");`);
    this.addSql(
      `alter table "project_practice" add constraint "project_practice_role_check" check ("role" in ('PRODUCED', 'USED', 'TRANSFERRED'));`,
    );
    this.addSql(
      `create table "project_participant" ("project_id" uuid not null, "organisation_id" uuid not null, "role" text not null, primary key ("project_id", "organisation_id"));`,
    );
    this.addSql(
      `create index "project_participant_organisation_id_index" on "project_participant" ("organisation_id");`,
    );
    this.addSql(
      `create unique index "project_participant_one_coordinator" on "project_participant" ("project_id") where "role" = 'COORDINATOR';`,
    );
    this.addSql(
      `alter table "project_participant" add constraint "project_participant_role_check" check ("role" in ('COORDINATOR', 'PARTNER', 'ASSOCIATED_PARTNER', 'THIRD_PARTY'));`,
    );
    this.addSql(
      `create table "project_synergy" ("project_id" uuid not null, "other_id" uuid not null, "kind" text not null, primary key ("project_id", "other_id"));`,
    );
    this.addSql(`create index "project_synergy_other_id_index" on "project_synergy" ("other_id");`);
    this.addSql(
      `alter table "project_synergy" add constraint "project_synergy_kind_check" check ("kind" in ('SYNERGY', 'CLUSTER', 'FOLLOW_UP', 'PREDECESSOR'));`,
    );
    this.addSql(
      `create table "twinning" ("project_id" uuid not null, "originator_id" uuid not null, "practice_id" uuid not null, "type" text not null, "outcome" varchar(4000) null, "completed_at" timestamptz null, primary key ("project_id"));`,
    );
    this.addSql(`create index "twinning_originator_id_index" on "twinning" ("originator_id");`);
    this.addSql(`create index "twinning_practice_id_index" on "twinning" ("practice_id");`);
    this.addSql(
      `alter table "twinning" add constraint "twinning_type_check" check ("type" in ('KNOWLEDGE_EXCHANGE', 'ADAPTATION', 'PARTIAL_ADOPTION', 'FULL_ADOPTION'));`,
    );
    this.addSql(
      `create table "twinning_stage" ("twinning_project_id" uuid not null, "position" smallint not null, "name" varchar(200) not null, "start_date" date not null, "end_date" date not null, "description" varchar(2000) null, primary key ("twinning_project_id", "position"));`,
    );
    this.addSql(
      `alter table "twinning_stage" add constraint "twinning_stage_period_check" check ("end_date" >= "start_date");`,
    );
    this.addSql(
      `create table "twinning_adopter" ("twinning_project_id" uuid not null, "organisation_id" uuid not null, "adoption_id" uuid null, primary key ("twinning_project_id", "organisation_id"));`,
    );
    this.addSql(`create index "twinning_adopter_organisation_id_index" on "twinning_adopter" ("organisation_id");`);
    this.addSql(
      `alter table "project_practice" add constraint "project_practice_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_participant" add constraint "project_participant_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_synergy" add constraint "project_synergy_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "project_synergy" add constraint "project_synergy_other_id_foreign" foreign key ("other_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "twinning" add constraint "twinning_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "twinning_stage" add constraint "twinning_stage_twinning_project_id_foreign" foreign key ("twinning_project_id") references "twinning" ("project_id") on delete cascade;`,
    );
    this.addSql(
      `alter table "twinning_adopter" add constraint "twinning_adopter_twinning_project_id_foreign" foreign key ("twinning_project_id") references "twinning" ("project_id") on delete cascade;`,
    );
  }
}
