// Source keys of projects: their ids in the partner registries they were imported from, unique per source.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261203040000_source_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "project_source" ("record_id" uuid not null, "source" varchar(100) not null, "source_id" varchar(200) not null, primary key ("source", "source_id"));`,
    );
    this.addSql(`create index "project_source_record_id_index" on "project_source" ("record_id");`);
    this.addSql(
      `alter table "project_source" add constraint "project_source_record_id_foreign" foreign key ("record_id") references "project" ("id") on delete cascade;`,
    );
  }
}
