// Accounts of people who signed in with OpenID Connect: one per issuer and subject, made on first sign-in.
import { defineEntity, p } from '@mikro-orm/core';

export const AccountSchema = defineEntity({
  name: 'Account',
  tableName: 'account',
  properties: {
    id: p.uuid().primary(),
    issuer: p.string().length(500),
    subject: p.string().length(255),
    name: p.string().length(200).nullable(),
    email: p.string().length(254).nullable(),
    createdAt: p.datetime(),
    lastSignInAt: p.datetime(),
    disabledAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'account_issuer_subject_unique', properties: ['issuer', 'subject'] }],
});
export class Account extends AccountSchema.class {}
AccountSchema.setClass(Account);
