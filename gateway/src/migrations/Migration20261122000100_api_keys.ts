// Initial schema of the gateway's own database: API keys.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000100_api_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_key" ("id" varchar(16) not null, "label" varchar(200) not null, "role" text not null, "organisation_id" uuid null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_role_check" check ("role" in ('editor', 'curator'));`);
  }
}
