// Better Auth on the server: email + password sign-in, and the jwt plugin whose tokens Rampart verifies via JWKS.
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { nextCookies } from 'better-auth/next-js';
import { jwt } from 'better-auth/plugins';
import pg from 'pg';
import { settings } from './settings';

function createAuth() {
  const { databaseUrl, authSecret, appUrl, rampartAudience } = settings();
  return betterAuth({
    baseURL: appUrl,
    secret: authSecret,
    database: new pg.Pool({ connectionString: databaseUrl, max: 5 }),
    emailAndPassword: { enabled: true },
    plugins: [
      // Short-lived API tokens; the page asks for a fresh one before this runs out.
      jwt({ jwt: { issuer: appUrl, audience: rampartAudience, expirationTime: '15m' } }),
      nextCookies(),
    ],
    telemetry: { enabled: false },
  });
}

let auth: ReturnType<typeof createAuth> | undefined;

/** Created on first use, not on import: `next build` loads this module without any settings. */
export function getAuth(): ReturnType<typeof createAuth> {
  auth ??= createAuth();
  return auth;
}

/** Creates or updates Better Auth's tables (user, session, account, verification, jwks). */
export async function migrateAuthDatabase(): Promise<void> {
  const { runMigrations } = await getMigrations(getAuth().options);
  await runMigrations();
}
