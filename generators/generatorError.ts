// The one error a generator refuses with: every problem found, checked before anything is written.
export class GeneratorError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? (problems[0] ?? '') : `\n  - ${problems.join('\n  - ')}`);
    this.name = 'GeneratorError';
  }
}
