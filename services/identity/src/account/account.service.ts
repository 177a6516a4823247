// Accounts: found by OpenID Connect issuer and subject, made (with no roles) on first sign-in, disabled by curators.
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badUserInput, type Caller, type EntityManager, type SignedInCaller, unauthenticated } from '@radar/common';
import { AuditAction } from '../audit/audit.entity.js';
import { audit } from '../audit/audit.js';
import { HolderKind } from '../grant/grant.entity.js';
import { callerOf } from '../grant/grant.service.js';
import { Account } from './account.entity.js';

/** What a verified OpenID Connect access token says about the person. */
export interface SignIn {
  issuer: string;
  subject: string;
  name?: string | null | undefined;
  email?: string | null | undefined;
}

/** How long a sign-in time is kept before it is written again: not on every request. */
const SIGN_IN_REFRESH_MS = 5 * 60_000;

export function labelOf(account: Pick<Account, 'name' | 'email' | 'subject'>) {
  return account.name ?? account.email ?? account.subject;
}

async function findOrCreate(em: EntityManager, person: SignIn, now: Date) {
  const existing = await em.findOne(Account, { issuer: person.issuer, subject: person.subject });
  if (existing) return existing;
  try {
    const account = em.create(Account, {
      id: randomUUID(),
      issuer: person.issuer,
      subject: person.subject,
      name: person.name?.slice(0, 200) ?? null,
      email: person.email?.slice(0, 254) ?? null,
      createdAt: now,
      lastSignInAt: now,
      disabledAt: null,
    });
    await em.flush();
    return account;
  } catch (error) {
    // Two first requests of the same person at once: the other one made the account.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    em.clear();
    return em.findOneOrFail(Account, { issuer: person.issuer, subject: person.subject });
  }
}

/** The caller a signed-in person is; a disabled account is UNAUTHENTICATED. */
export async function signIn(em: EntityManager, person: SignIn, now = new Date()): Promise<Caller> {
  const account = await findOrCreate(em, person, now);
  if (account.disabledAt) throw unauthenticated('This account has been disabled; ask a RADAR curator.');
  if (now.getTime() - account.lastSignInAt.getTime() > SIGN_IN_REFRESH_MS) {
    account.lastSignInAt = now;
    if (person.name) account.name = person.name.slice(0, 200);
    if (person.email) account.email = person.email.slice(0, 254);
    await em.flush();
  }
  return callerOf(em, HolderKind.Person, account.id, labelOf(account));
}

export function listAccounts(em: EntityManager) {
  return em.find(Account, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Disables (or enables again) an account; a disabled one is refused on its next request. */
export function setDisabled(em: EntityManager, actor: SignedInCaller, id: string, disabled: boolean) {
  return em.transactional(async (tx) => {
    const account = await tx.findOne(Account, { id });
    if (!account) throw badUserInput('id', `no account has id ${id}`);
    if (!!account.disabledAt !== disabled) {
      account.disabledAt = disabled ? new Date() : null;
      audit(tx, actor, disabled ? AuditAction.AccountDisabled : AuditAction.AccountEnabled, id);
    }
    return account;
  });
}
