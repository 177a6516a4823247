// The audit trail of projects: one row per change, in the transaction of the write. Projects registered before it
// have no history: an event names who made the change, and no one is known for what was there.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261204020000_project_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "project_event" ("project_id" uuid not null, "id" uuid not null, "at" timestamptz not null, "action" varchar(40) not null, "actor_key_id" varchar(64) not null, "actor_label" varchar(200) not null, "actor_role" varchar(20) not null, "changes" jsonb not null, "comment" text null, primary key ("id"));`,
    );
    this.addSql(`create index "project_event_project_id_index" on "project_event" ("project_id");`);
    this.addSql(
      `alter table "project_event" add constraint "project_event_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`,
    );
  }
}
