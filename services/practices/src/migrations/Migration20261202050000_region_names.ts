// NUTS region names: the name RADAR shows for each NUTS code curators have named.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261202050000_region_names extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "nuts_region" ("code" varchar(5) not null, "name" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("code"));`,
    );
  }
}
