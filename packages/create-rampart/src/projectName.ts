// The new project's name, checked once, in every form the kit's files spell `rampart` in.
export interface ProjectName {
  /** my-api: package, Pulumi project and config namespace, AWS name prefixes, JWT issuer, log service. */
  readonly kebab: string;
  /** my_api: PostgreSQL database and role names, the session cookie, test databases. */
  readonly snake: string;
  readonly camel: string;
  readonly pascal: string;
  readonly constant: string;
  /** My Api: prose and titles (README, the API's title, log lines). */
  readonly title: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** AWS names are built as `<name>-<stack>-<part>` and load balancer names stop at 32 characters. */
const MAX_LENGTH = 20;

/** Why `name` cannot name a project, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (!NAME.test(name)) {
    return `"${name}" is not a valid project name: use lowercase letters, digits and single hyphens, starting with a letter (e.g. my-api)`;
  }
  if (name.length > MAX_LENGTH)
    return `"${name}" is too long: at most ${MAX_LENGTH} characters (AWS resource names are built from it)`;
  return undefined;
}

export function projectName(name: string): ProjectName {
  const words = name.split('-');
  const capitalised = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return {
    kebab: name,
    snake: words.join('_'),
    camel: (words[0] ?? '') + capitalised.slice(1).join(''),
    pascal: capitalised.join(''),
    constant: words.join('_').toUpperCase(),
    title: capitalised.join(' '),
  };
}
