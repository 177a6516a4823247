// What a request for a key must say; checked before anything is opened or written, so this module loads no database code.
import { CommandError } from '@radar/common/command';
import { Role } from '@radar/common/identity';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MintRequest {
  role: Role;
  label: string;
  organisationId?: string | null | undefined;
  expiresAt?: Date | null | undefined;
}

/** A refused request, with the input field it is about. */
export class KeyRequestError extends CommandError {
  override name = 'KeyRequestError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The request as it will be stored; refused with a KeyRequestError before anything is opened or written. */
export function checkMintRequest(request: MintRequest, now = new Date()) {
  if (request.role !== Role.Editor && request.role !== Role.Curator) {
    throw new KeyRequestError(`role must be "${Role.Editor}" or "${Role.Curator}"`, 'role');
  }
  const label = request.label.trim();
  if (label.length < 1 || label.length > 200) throw new KeyRequestError('label must be 1 to 200 characters', 'label');
  const organisationId = request.organisationId ?? null;
  if (request.role === Role.Editor && !organisationId) {
    throw new KeyRequestError('an editor key belongs to one organisation: give its id', 'organisationId');
  }
  if (request.role === Role.Curator && organisationId) {
    throw new KeyRequestError('a curator key acts for every organisation: give no organisation', 'organisationId');
  }
  if (organisationId && !UUID_PATTERN.test(organisationId)) {
    throw new KeyRequestError(
      `organisation must be an organisation id (a UUID), not "${organisationId}"`,
      'organisationId',
    );
  }
  const expiresAt = request.expiresAt ?? null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) {
    throw new KeyRequestError('expiresAt must be a moment in the future', 'expiresAt');
  }
  return { role: request.role, label, organisationId: organisationId?.toLowerCase() ?? null, expiresAt };
}
