// Source keys of organisations: their ids in the partner registries they were imported from, unique per source.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040000_source_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organisation_source" ("record_id" uuid not null, "source" varchar(100) not null, "source_id" varchar(200) not null, primary key ("source", "source_id"));`,
    );
    this.addSql(`create index "organisation_source_record_id_index" on "organisation_source" ("record_id");`);
    this.addSql(
      `alter table "organisation_source" add constraint "organisation_source_record_id_foreign" foreign key ("record_id") references "organisation" ("id") on delete cascade;`,
    );
  }
}
