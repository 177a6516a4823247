// Source keys of needs: their ids in the partner registries they were imported from, unique per source.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261203030100_need_source_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "need_source" ("record_id" uuid not null, "source" varchar(100) not null, "source_id" varchar(200) not null, primary key ("source", "source_id"));`,
    );
    this.addSql(`create index "need_source_record_id_index" on "need_source" ("record_id");`);
    this.addSql(
      `alter table "need_source" add constraint "need_source_record_id_foreign" foreign key ("record_id") references "need" ("id") on delete cascade;`,
    );
  }
}
