// Accounts, API keys, role grants, access requests and the audit log of the identity subgraph.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261201040000_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_request" ("id" uuid not null, "account_id" uuid not null, "organisation_id" uuid null, "proposed_organisation" jsonb null, "message" text not null, "status" text not null, "created_at" timestamptz not null, "decided_at" timestamptz null, "decided_by" varchar(200) null, "reason" text null, primary key ("id"));`,
    );
    this.addSql(`create index "access_request_account_id_index" on "access_request" ("account_id");`);
    this.addSql(`create index "access_request_status_index" on "access_request" ("status");`);
    this.addSql(
      `alter table "access_request" add constraint "access_request_status_check" check ("status" in ('PENDING', 'APPROVED', 'REFUSED'));`,
    );
    this.addSql(
      `create table "account" ("id" uuid not null, "issuer" varchar(500) not null, "subject" varchar(255) not null, "name" varchar(200) null, "email" varchar(254) null, "created_at" timestamptz not null, "last_sign_in_at" timestamptz not null, "disabled_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "account" add constraint "account_issuer_subject_unique" unique ("issuer", "subject");`);
    this.addSql(
      `create table "api_key" ("id" varchar(16) not null, "label" varchar(200) not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null, "created_by" varchar(200) not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "action" text not null, "actor_id" varchar(64) not null, "actor_label" varchar(200) not null, "subject_id" varchar(36) not null, "role" varchar(20) null, "organisation_id" uuid null, "detail" text null, primary key ("id"));`,
    );
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at", "id");`);
    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_action_check" check ("action" in ('KEY_MINTED', 'KEY_REVOKED', 'ROLE_GRANTED', 'ROLE_WITHDRAWN', 'ACCOUNT_DISABLED', 'ACCOUNT_ENABLED', 'ACCESS_APPROVED', 'ACCESS_REFUSED'));`,
    );
    this.addSql(
      `create table "role_grant" ("id" uuid not null, "holder_kind" text not null, "holder_id" varchar(36) not null, "role" text not null, "organisation_id" uuid null, "granted_at" timestamptz not null, "granted_by" varchar(200) not null, primary key ("id"));`,
    );
    this.addSql(`create index "role_grant_holder_id_index" on "role_grant" ("holder_id");`);
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_holder_role_organisation_unique" unique ("holder_id", "role", "organisation_id");`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_holder_kind_check" check ("holder_kind" in ('key', 'person'));`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_role_check" check ("role" in ('editor', 'curator'));`,
    );
  }
}
