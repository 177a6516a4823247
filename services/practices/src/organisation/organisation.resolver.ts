// What this subgraph adds to Organisation: its practices and its adoptions.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, registerEnumType } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import type { OrganisationRole } from '../loaders.js';
import { AdoptionType, OrganisationRef, PracticeConnection } from '../practice/practice.types.js';

export enum PracticeRole {
  OWNER = 'OWNER',
  CONTRIBUTOR = 'CONTRIBUTOR',
}
registerEnumType(PracticeRole, { name: 'PracticeRole', description: 'How an organisation relates to a practice.' });

@Resolver(() => OrganisationRef)
export class OrganisationPracticesResolver {
  @FieldResolver(() => PracticeConnection, { description: 'Published practices it owns or contributes to, by title.' })
  practices(
    @Root() organisation: OrganisationRef,
    @Arg('role', () => PracticeRole, { nullable: true, description: 'Both when omitted.' }) role:
      | PracticeRole
      | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() { loaders }: PracticesContext,
  ) {
    return loaders
      .organisationPractices({
        role: (role ?? null) as OrganisationRole | null,
        first: first ?? null,
        after: after ?? null,
      })
      .load(organisation.id);
  }

  @FieldResolver(() => [AdoptionType], {
    description: 'Practices it has adopted, of those you may see (removed adoptions are left out).',
  })
  adoptions(@Root() organisation: OrganisationRef, @Ctx() { loaders }: PracticesContext) {
    return loaders.adoptionsOfAdopter.load(organisation.id);
  }
}
