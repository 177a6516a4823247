// Adoptions over time: the PILOTING status, and one adoption per practice, adopter, place and period. Duplicates
// recorded before the rule are resolved by keeping the first one recorded and tombstoning the others, each with an
// ADOPTION_REMOVED event in its practice's history, so harvesters see the change.
import { Migration } from '@mikro-orm/migrations';
import { ADOPTION_OVERLAP_CONSTRAINT_SQL } from '../adoption/adoption.entity.js';

export class Migration20261201060000_adoption_uptake extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "adoption" drop constraint if exists "adoption_status_check";`);
    this.addSql(
      `alter table "adoption" add constraint "adoption_status_check" check ("status" in ('PLANNED', 'PILOTING', 'ONGOING', 'ENDED'));`,
    );
    this.addSql('create extension if not exists btree_gist;');
    this.addSql(`do $$
      declare duplicate record; kept uuid;
      begin
        for duplicate in select * from "adoption" where "deleted_at" is null order by "created_at", "id" loop
          select a."id" into kept from "adoption" a
            where a."deleted_at" is null and a."id" <> duplicate."id"
              and a."practice_id" = duplicate."practice_id" and a."adopter_id" = duplicate."adopter_id"
              and a."country" = duplicate."country" and coalesce(a."nuts", '') = coalesce(duplicate."nuts", '')
              and daterange(a."start_date", a."end_date", '[]') && daterange(duplicate."start_date", duplicate."end_date", '[]')
              and (a."created_at", a."id") < (duplicate."created_at", duplicate."id")
            order by a."created_at", a."id" limit 1;
          if kept is not null then
            update "adoption" set "deleted_at" = now(), "updated_at" = now(), "version" = "version" + 1
              where "id" = duplicate."id";
            update "practice" set "updated_at" = now() where "id" = duplicate."practice_id";
            insert into "practice_event" ("id", "practice_id", "at", "action", "actor_key_id", "actor_label", "actor_role", "changes", "comment")
              values (gen_random_uuid(), duplicate."practice_id", now(), 'ADOPTION_REMOVED', 'migration', 'RADAR migration', 'curator',
                jsonb_build_object('adoption ' || duplicate."id", jsonb_build_object('from', jsonb_build_object('adopterId', duplicate."adopter_id", 'country', duplicate."country", 'nuts', duplicate."nuts", 'startDate', duplicate."start_date", 'endDate', duplicate."end_date"), 'to', null)),
                'Duplicate of adoption ' || kept || ' (same practice, adopter, place and an overlapping period).');
          end if;
        end loop;
      end $$;`);
    this.addSql(ADOPTION_OVERLAP_CONSTRAINT_SQL);
  }
}
