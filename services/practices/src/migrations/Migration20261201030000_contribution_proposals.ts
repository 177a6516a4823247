// Contributions proposed by a practice's owner, waiting for the named organisation's consent.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261201030000_contribution_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "practice_contribution_proposal" ("practice_id" uuid not null, "organisation_id" uuid not null, "role" text not null, "proposed_by" uuid null, "proposed_at" timestamptz not null, primary key ("practice_id", "organisation_id"));`,
    );
    this.addSql(
      `create index "practice_contribution_proposal_organisation_id_index" on "practice_contribution_proposal" ("organisation_id");`,
    );
    this.addSql(
      `alter table "practice_contribution_proposal" add constraint "practice_contribution_proposal_role_check" check ("role" in ('DEVELOPER', 'IMPLEMENTER', 'FUNDER', 'EVALUATOR', 'PARTNER'));`,
    );
    this.addSql(
      `alter table "practice_contribution_proposal" add constraint "practice_contribution_proposal_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on delete cascade;`,
    );
  }
}
