// A real Better Auth server (email + password, jwt plugin) for the interop tests: the frontend's
// token issuer from Rampart's design, started on 127.0.0.1 with its own PostgreSQL database.
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins';
import pg from 'pg';

const { PORT, DATABASE_URL, ISSUER, AUDIENCE } = process.env;
const baseURL = `http://127.0.0.1:${PORT}`;

const auth = betterAuth({
  baseURL,
  secret: 'better-auth-test-secret-0123456789abcdef',
  database: new pg.Pool({ connectionString: DATABASE_URL, max: 4 }),
  emailAndPassword: { enabled: true },
  plugins: [jwt({ jwt: { issuer: ISSUER, audience: AUDIENCE, expirationTime: '15m' } })],
  telemetry: { enabled: false },
});

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const server = createServer(toNodeHandler(auth));
server.listen(Number(PORT), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: baseURL })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
