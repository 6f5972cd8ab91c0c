// The mutation-testing areas: what each one mutates and the score it must keep (README "Mutation testing").
// Globs, not file lists, so a new file in an area is mutated without touching this file. `database`: whether
// the area's tests need PostgreSQL (jest's globalSetup), which costs time on every mutant. `tests` (optional):
// the only test files the area runs, when the others that import its code would only add time per mutant.
export const AREAS = {
  policies: {
    mutate: ['infra/policies/**/*.ts'],
    target: 90,
    database: false,
    // The stack tests run every policy over a whole mocked Pulumi program on each mutant; they assert that the
    // stacks comply, while policies.test.ts checks each rule and message.
    tests: ['<rootDir>/infra/test/policies.test.ts'],
  },
  generators: {
    mutate: ['generators/fieldSpec.ts', 'generators/resourceSpec.ts', 'generators/naming.ts'],
    target: 80,
    database: false,
    // resourceGenerator.test.ts copies the project for each test: 196 s for its first run, minutes per mutant.
    // These unit tests check the same parsing and template data directly.
    tests: [
      '<rootDir>/test/generators/fieldSpec.test.ts',
      '<rootDir>/test/generators/naming.test.ts',
      '<rootDir>/test/generators/resourceSpec.test.ts',
    ],
  },
  repositories: {
    mutate: ['src/resources/ownedRepository.ts', 'src/resources/sharedRepository.ts'],
    target: 80,
    database: true,
  },
  http: {
    mutate: ['src/http/**/*.ts'],
    target: 80,
    database: true,
    // Nearly every test reaches src/http through the app; these are the ones that check what it does (errors,
    // limits, pages, headers, CORS, logs), so the first run and each mutant stay within minutes.
    tests: [
      '<rootDir>/test/http/*.test.ts',
      '<rootDir>/test/security/*.test.ts',
      '<rootDir>/test/logging.test.ts',
      '<rootDir>/test/resources/responseShape.test.ts',
      '<rootDir>/src/resources/todos/todos.test.ts',
    ],
  },
  auth: {
    mutate: ['src/auth/**/*.ts'],
    target: 90,
    database: true,
    // Every app test passes through src/auth; these are the ones that check it (accounts, tokens, sessions,
    // guards, rate limits, the external issuer): 287 tests, a first test run of 50 s.
    tests: [
      '<rootDir>/test/auth/*.test.ts',
      '<rootDir>/test/users/*.test.ts',
      '<rootDir>/test/security/*.test.ts',
      '<rootDir>/test/interop/externalAlgorithms.test.ts',
      '<rootDir>/test/logging.test.ts',
      '<rootDir>/src/resources/todos/todos.test.ts',
    ],
  },
};
