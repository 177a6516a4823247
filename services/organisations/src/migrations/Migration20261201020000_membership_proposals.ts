// Memberships proposed by a member, waiting for the network's consent.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261201020000_membership_proposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organisation_membership_proposal" ("member_id" uuid not null, "network_id" uuid not null, "proposed_by" uuid null, "proposed_at" timestamptz not null, primary key ("member_id", "network_id"));`,
    );
    this.addSql(
      `create index "organisation_membership_proposal_network_id_index" on "organisation_membership_proposal" ("network_id");`,
    );
    this.addSql(
      `alter table "organisation_membership_proposal" add constraint "organisation_membership_proposal_member_id_foreign" foreign key ("member_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "organisation_membership_proposal" add constraint "organisation_membership_proposal_network_id_foreign" foreign key ("network_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );
  }
}
