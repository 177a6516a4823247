// Synergy proposals waiting for the other project's consent, and the claim a twinning's completion holds.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000000_consent_and_claims extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "synergy_proposal" ("project_id" uuid not null, "other_id" uuid not null, "kind" text not null, "proposed_by" uuid null, "proposed_at" timestamptz not null, primary key ("project_id", "other_id"));`,
    );
    this.addSql(`create index "synergy_proposal_other_id_index" on "synergy_proposal" ("other_id");`);
    this.addSql(
      `alter table "synergy_proposal" add constraint "synergy_proposal_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "synergy_proposal" add constraint "synergy_proposal_other_id_foreign" foreign key ("other_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "synergy_proposal" add constraint "synergy_proposal_kind_check" check ("kind" in ('SYNERGY', 'CLUSTER', 'FOLLOW_UP', 'PREDECESSOR'));`,
    );
    this.addSql(
      `alter table "twinning" add "completion_claim" uuid null, add "completion_claimed_at" timestamptz null;`,
    );
  }
}
