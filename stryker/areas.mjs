// The mutation-testing areas: what each one mutates and the score it must keep (README "Mutation testing").
// Globs, not file lists, so a new file in an area is mutated without touching this file.
export const AREAS = {
  policies: { mutate: ['infra/policies/**/*.ts'], target: 90 },
  generators: { mutate: ['generators/fieldSpec.ts', 'generators/resourceSpec.ts', 'generators/naming.ts'], target: 80 },
  repositories: { mutate: ['src/resources/ownedRepository.ts', 'src/resources/sharedRepository.ts'], target: 80 },
  http: { mutate: ['src/http/**/*.ts'], target: 80 },
  auth: { mutate: ['src/auth/**/*.ts'], target: 90 },
};
