// The audit trail of organisations: one row per change, in the transaction of the write. Organisations registered
// before it have no history: an event names who made the change, and no one is known for what was there.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261204010000_organisation_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organisation_event" ("organisation_id" uuid not null, "id" uuid not null, "at" timestamptz not null, "action" varchar(40) not null, "actor_key_id" varchar(64) not null, "actor_label" varchar(200) not null, "actor_role" varchar(20) not null, "changes" jsonb not null, "comment" text null, primary key ("id"));`,
    );
    this.addSql(`create index "organisation_event_organisation_id_index" on "organisation_event" ("organisation_id");`);
    this.addSql(
      `alter table "organisation_event" add constraint "organisation_event_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on delete cascade;`,
    );
  }
}
