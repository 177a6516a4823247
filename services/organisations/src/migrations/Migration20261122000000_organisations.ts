// Initial schema of the organisations subgraph.
import { Migration } from '@mikro-orm/migrations';
import { TEXT_SEARCH_PRELUDE_SQL } from '@radar/common';

export class Migration20261122000000_organisations extends Migration {
  override async up(): Promise<void> {
    for (const statement of TEXT_SEARCH_PRELUDE_SQL) this.addSql(statement);
    this.addSql(
      `create table "organisation" ("id" uuid not null, "name" varchar(300) not null, "acronym" varchar(50) null, "kind" text not null, "country" varchar(2) null, "nuts" varchar(5) null, "city" varchar(100) null, "website" varchar(2048) null, "email" varchar(254) null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "deleted_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);
    this.addSql(`create index "organisation_country_index" on "organisation" ("country");`);
    this.addSql(`create index "organisation_name_id_index" on "organisation" ("name", "id");`);
    this.addSql(`create index "organisation_changes_index" on "organisation" ("updated_at", "id");`);
    this.addSql(
      `create index "organisation_search_trgm_index" on "organisation" using gin (radar_fold(name || ' ' || coalesce(acronym, '')) gin_trgm_ops);`,
    );
    this.addSql(
      `alter table "organisation" add constraint "organisation_kind_check" check ("kind" in ('PUBLIC_AUTHORITY', 'HEALTHCARE_PROVIDER', 'COMPANY', 'STARTUP_SME', 'RESEARCH_ORGANISATION', 'ASSOCIATION_NETWORK', 'DIGITAL_INNOVATION_HUB', 'FUNDING_BODY', 'OTHER'));`,
    );
    this.addSql(
      `create table "organisation_membership" ("member_id" uuid not null, "network_id" uuid not null, primary key ("member_id", "network_id"));`,
    );
    this.addSql(`create index "organisation_membership_network_id_index" on "organisation_membership" ("network_id");`);
    this.addSql(
      `create table "organisation_identifier" ("organisation_id" uuid not null, "scheme" text not null, "value" varchar(64) not null, primary key ("organisation_id", "scheme"));`,
    );
    this.addSql(
      `alter table "organisation_identifier" add constraint "organisation_identifier_scheme_value_unique" unique ("scheme", "value");`,
    );
    this.addSql(
      `alter table "organisation_identifier" add constraint "organisation_identifier_scheme_check" check ("scheme" in ('ROR', 'WIKIDATA', 'PIC', 'VAT'));`,
    );
    this.addSql(
      `alter table "organisation_membership" add constraint "organisation_membership_member_id_foreign" foreign key ("member_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "organisation_membership" add constraint "organisation_membership_network_id_foreign" foreign key ("network_id") references "organisation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "organisation_identifier" add constraint "organisation_identifier_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on delete cascade;`,
    );
  }
}
