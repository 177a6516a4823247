// Resolving duplicates: pairs of practices a curator marked as not duplicates of each other, each pair stored once
// (smaller id first), and the practice that replaces one merged into another.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261201070000_not_duplicates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "practice" add column "replaced_by" uuid null;`);
    this.addSql(
      `create table "practice_not_duplicate" ("practice_a_id" uuid not null, "practice_b_id" uuid not null, "reason" text null, "marked_at" timestamptz not null, "marked_by_key_id" varchar(64) not null, "marked_by_label" varchar(200) not null, primary key ("practice_a_id", "practice_b_id"), constraint practice_not_duplicate_order_check check ("practice_a_id" < "practice_b_id"));`,
    );
    this.addSql(
      `create index "practice_not_duplicate_practice_b_id_index" on "practice_not_duplicate" ("practice_b_id");`,
    );
    this.addSql(
      `alter table "practice_not_duplicate" add constraint "practice_not_duplicate_practice_a_id_foreign" foreign key ("practice_a_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_not_duplicate" add constraint "practice_not_duplicate_practice_b_id_foreign" foreign key ("practice_b_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
  }
}
