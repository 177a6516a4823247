// Moderation of practices: curators' comments in the audit trail, and revisions of published practices awaiting review.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261201010000_practice_moderation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "practice_event" add column "comment" text null;`);
    this.addSql(
      `create table "practice_revision" ("practice_id" uuid not null, "revision" int not null, "proposed" jsonb null, "opened_at" timestamptz null, "changed_at" timestamptz null, "author_label" varchar(200) null, "author_role" varchar(20) null, primary key ("practice_id"));`,
    );
    this.addSql(
      `alter table "practice_revision" add constraint "practice_revision_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
  }
}
