// Requests of signed-in people to edit for an organisation, or to register a new one with its first practice.
import { defineEntity, p } from '@mikro-orm/core';

export const AccessRequestStatus = { Pending: 'PENDING', Approved: 'APPROVED', Refused: 'REFUSED' } as const;
export type AccessRequestStatus = (typeof AccessRequestStatus)[keyof typeof AccessRequestStatus];

/** A new organisation a person proposes, with the practice they mean to register first. */
export interface ProposedOrganisation {
  name: string;
  country: string;
  website: string | null;
  practiceTitle: string;
}

export const AccessRequestSchema = defineEntity({
  name: 'AccessRequest',
  tableName: 'access_request',
  properties: {
    id: p.uuid().primary(),
    accountId: p.uuid().index(),
    /** The existing organisation asked for; on a proposal, the one the approving curator registered. */
    organisationId: p.uuid().nullable(),
    proposedOrganisation: p.json<ProposedOrganisation>().nullable(),
    message: p.text(),
    status: p.enum([AccessRequestStatus.Pending, AccessRequestStatus.Approved, AccessRequestStatus.Refused]).index(),
    createdAt: p.datetime(),
    decidedAt: p.datetime().nullable(),
    decidedBy: p.string().length(200).nullable(),
    reason: p.text().nullable(),
  },
});
export class AccessRequest extends AccessRequestSchema.class {}
AccessRequestSchema.setClass(AccessRequest);
