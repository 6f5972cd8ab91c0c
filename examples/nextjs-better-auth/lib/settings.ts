// The example's one reader of process.env (server side): read at request time, so one build serves any setup.
export interface Settings {
  /** Better Auth's own PostgreSQL database. */
  readonly databaseUrl: string;
  /** Signs Better Auth's session cookies; at least 32 characters. */
  readonly authSecret: string;
  /** Where this app is served; also the `iss` of the JWTs Rampart verifies (its JWKS_ISSUER). */
  readonly appUrl: string;
  /** Rampart's base URL, as the browser reaches it. */
  readonly rampartUrl: string;
  /** The `aud` of the JWTs (Rampart's JWKS_AUDIENCE). */
  readonly rampartAudience: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see examples/nextjs-better-auth/README.md)`);
  return value;
}

export function settings(): Settings {
  const authSecret = required('BETTER_AUTH_SECRET');
  if (authSecret.length < 32) throw new Error('BETTER_AUTH_SECRET must be at least 32 characters');
  return Object.freeze({
    databaseUrl: required('DATABASE_URL'),
    authSecret,
    appUrl: required('BETTER_AUTH_URL'),
    rampartUrl: required('RAMPART_URL'),
    rampartAudience: process.env.RAMPART_AUDIENCE || 'rampart-api',
  });
}
