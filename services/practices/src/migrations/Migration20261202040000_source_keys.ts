// Source keys of practices: their ids in the partner registries they were imported from, unique per source.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040000_source_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "practice_source" ("record_id" uuid not null, "source" varchar(100) not null, "source_id" varchar(200) not null, primary key ("source", "source_id"));`,
    );
    this.addSql(`create index "practice_source_record_id_index" on "practice_source" ("record_id");`);
    this.addSql(
      `alter table "practice_source" add constraint "practice_source_record_id_foreign" foreign key ("record_id") references "practice" ("id") on delete cascade;`,
    );
  }
}
