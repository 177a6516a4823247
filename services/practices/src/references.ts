// Resolves references to this subgraph's entities (and the Organisation stub it extends), batched by loaders.
import type { PracticesContext } from './context.js';
import { canSeeNeed } from './need/need.visibility.js';
import { canSee } from './practice/practice.visibility.js';

export const practiceReferences = {
  Practice: {
    async __resolveReference(reference: { id: string }, { loaders, caller }: PracticesContext) {
      const practice = await loaders.practiceById.load(reference.id);
      return practice && canSee(caller, practice) ? practice : null;
    },
  },
  Adoption: {
    async __resolveReference(reference: { id: string }, { loaders, caller }: PracticesContext) {
      const adoption = await loaders.adoptionById.load(reference.id);
      if (!adoption || adoption.deletedAt) return null;
      const practice = await loaders.practiceById.load(adoption.practice);
      return practice && canSee(caller, practice) ? adoption : null;
    },
  },
  Need: {
    async __resolveReference(reference: { id: string }, { loaders, caller }: PracticesContext) {
      const need = await loaders.needById.load(reference.id);
      return need && canSeeNeed(caller, need) ? need : null;
    },
  },
  Organisation: {
    __resolveReference(reference: { id: string }) {
      return { id: reference.id };
    },
  },
};
