// The demand side: needs with their audit trail, and the WHO health system challenges and service types of practices.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261202010000_needs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "practice" add column "health_system_challenges" text[] not null default '{}';`);
    this.addSql(`alter table "practice" add column "service_types" text[] not null default '{}';`);
    this.addSql(
      `create table "need" ("id" uuid not null, "title" varchar(300) not null, "description" text not null, "language" varchar(2) not null default 'en', "cdhi_codes" text[] not null, "cdhi_codes_expanded" text[] not null, "health_system_challenges" text[] not null, "service_types" text[] not null, "target_groups" text[] not null, "care_settings" text[] not null, "languages" text[] not null, "country" varchar(2) not null, "nuts" varchar(5) null, "min_maturity" text null, "start_date" date null, "end_date" date null, "owner_id" uuid not null, "status" text not null, "state" text not null default 'OPEN', "matched_practice_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "deleted_at" timestamptz null, "published_at" timestamptz null, primary key ("id"), constraint need_period_check check ("end_date" is null or "start_date" is null or "end_date" >= "start_date"));`,
    );
    this.addSql(`create index "need_owner_id_index" on "need" ("owner_id");`);
    this.addSql(`create index "need_status_title_index" on "need" ("status", "title", "id");`);
    this.addSql(`create index "need_changes_index" on "need" ("updated_at", "id");`);
    this.addSql(
      `alter table "need" add constraint "need_min_maturity_check" check ("min_maturity" in ('CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'));`,
    );
    this.addSql(
      `alter table "need" add constraint "need_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'ARCHIVED'));`,
    );
    this.addSql(
      `alter table "need" add constraint "need_state_check" check ("state" in ('OPEN', 'MATCHED', 'CLOSED'));`,
    );
    this.addSql(
      `create table "need_event" ("id" uuid not null, "need_id" uuid not null, "at" timestamptz not null, "action" varchar(40) not null, "actor_key_id" varchar(64) not null, "actor_label" varchar(200) not null, "actor_role" varchar(20) not null, "changes" jsonb not null, "comment" text null, primary key ("id"));`,
    );
    this.addSql(`create index "need_event_need_id_index" on "need_event" ("need_id");`);
    this.addSql(
      `alter table "need_event" add constraint "need_event_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete cascade;`,
    );
  }
}
