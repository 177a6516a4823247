// Similar practices at scale: each practice's most similar practices, ranked after it is written and read back by
// Practice.similar, with the key of the contents each side had then so a list that no longer holds is not used;
// the practices written and not yet ranked wait in a queue.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261203010000_similar_lists extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "practice_similar_list" ("practice_id" uuid not null, "probe_key" varchar(32) not null, "computed_at" timestamptz not null, primary key ("practice_id"));`,
    );
    this.addSql(
      `create table "practice_neighbour" ("practice_id" uuid not null, "neighbour_id" uuid not null, "score" double precision not null, "title_sim" double precision not null, "text_sim" double precision not null, "neighbour_key" varchar(32) not null, primary key ("practice_id", "neighbour_id"));`,
    );
    this.addSql(`create index "practice_neighbour_neighbour_id_index" on "practice_neighbour" ("neighbour_id");`);
    this.addSql(
      `create table "practice_similar_queue" ("practice_id" uuid not null, "queued_at" timestamptz not null default now(), "taken_until" timestamptz null, primary key ("practice_id"));`,
    );
    this.addSql(
      `alter table "practice_similar_queue" add constraint "practice_similar_queue_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_similar_list" add constraint "practice_similar_list_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_neighbour" add constraint "practice_neighbour_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_neighbour" add constraint "practice_neighbour_neighbour_id_foreign" foreign key ("neighbour_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
  }
}
