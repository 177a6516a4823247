// Source keys of adoptions: their ids in the partner registries they were imported from, unique per source.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261203030000_adoption_source_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "adoption_source" ("record_id" uuid not null, "source" varchar(100) not null, "source_id" varchar(200) not null, primary key ("source", "source_id"));`,
    );
    this.addSql(`create index "adoption_source_record_id_index" on "adoption_source" ("record_id");`);
    this.addSql(
      `alter table "adoption_source" add constraint "adoption_source_record_id_foreign" foreign key ("record_id") references "adoption" ("id") on delete cascade;`,
    );
  }
}
