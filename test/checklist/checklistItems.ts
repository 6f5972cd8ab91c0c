// The security checklist (docs/security.md): each item and the tests that prove it.
// `file` is relative to the repository root; `name`, when given, is a regular expression the test's full name
// (its describe blocks and title joined by spaces) must match, so an item claims only the tests about it.

export interface ProofSpec {
  file: string;
  name?: string;
}

export interface ChecklistItem {
  title: string;
  proofs: ProofSpec[];
}

export const checklistItems: ChecklistItem[] = [
  {
    title: 'Signup works, duplicate is 409, weak password is 422',
    proofs: [{ file: 'test/auth/signup.test.ts', name: '^POST /api/auth/signup ' }],
  },
  {
    title: 'Signin works; wrong password and unknown email are the same 401 and cost the same bcrypt comparison',
    proofs: [
      { file: 'test/auth/signin.test.ts', name: '^(POST /api/auth/signin|timing of failures) ' },
      {
        file: 'test/auth/signin.test.ts',
        name: 'signin route pay one comparison of the real cost for an unknown email',
      },
    ],
  },
  {
    title: 'Failed signins are logged without the password',
    proofs: [{ file: 'test/auth/signin.test.ts', name: 'logs a failed attempt' }, { file: 'test/logging.test.ts' }],
  },
  {
    title: 'bcrypt cost ≥ 10, read from the stored hash; the 72-byte truncation cannot be exploited',
    proofs: [
      { file: 'test/auth/signup.test.ts', name: 'bcrypt hash with the configured cost' },
      { file: 'test/auth/signin.test.ts', name: '^bcrypt truncation' },
    ],
  },
  {
    title:
      'No token, malformed header, expired, tampered, alg: none, wrong algorithm, wrong secret, wrong iss/aud/typ, ' +
      'missing exp/iat/sub, crit, jwk/jku/kid tricks, deleted user: all 401',
    proofs: [{ file: 'test/auth/tokens.test.ts' }],
  },
  {
    title: "Another user's resources: 403. Another user's item: 404. Your own: 200",
    proofs: [
      { file: 'test/users/ownership.test.ts', name: '^GET /api/users/:userId/profile ' },
      { file: 'src/resources/todos/todos.test.ts', name: '^todos: (authentication|ownership) ' },
    ],
  },
  {
    title: 'Admin routes need the admin role as stored in the database',
    proofs: [{ file: 'test/users/ownership.test.ts', name: '^GET /api/admin/users ' }],
  },
  {
    title: 'Rate limit: 429 with Retry-After, shared across instances',
    proofs: [{ file: 'test/auth/rateLimit.test.ts' }],
  },
  {
    title: 'CORS allow and deny; security headers; HSTS and HTTPS redirect in production',
    proofs: [{ file: 'test/security/headers.test.ts' }],
  },
  {
    title: 'SQL injection strings in every input; XSS strings stored verbatim and served as JSON',
    proofs: [{ file: 'test/security/injection.test.ts' }],
  },
  {
    title: 'Mass assignment (role, id, user_id in bodies) refused',
    proofs: [
      { file: 'test/auth/signup.test.ts', name: '^mass assignment ' },
      {
        file: 'src/resources/todos/todos.test.ts',
        name: 'from the token, never from the body|refuses (id|user_id|unexpected) in an? (create|update) body',
      },
    ],
  },
  {
    title:
      "Database errors are logged with what failed (SQLSTATE, table, constraint), never with the statement's values",
    proofs: [{ file: 'test/logging.test.ts', name: 'logs a database error with what failed' }],
  },
  {
    title: '400 / 413 / 404 / 500 are JSON without internals',
    proofs: [{ file: 'test/http/errors.test.ts' }],
  },
  {
    title: 'Start-up refuses a missing or short JWT_SECRET and other bad settings',
    proofs: [{ file: 'test/config.test.ts' }],
  },
  {
    title: 'Cookie sessions: httpOnly/SameSite/Secure, CSRF origin check, sign-out',
    proofs: [{ file: 'test/auth/sessionCookie.test.ts' }],
  },
  {
    title: 'Sign-out-everywhere and password change revoke earlier tokens',
    proofs: [{ file: 'test/auth/revocation.test.ts' }],
  },
  {
    title:
      'Revocation is atomic: of two concurrent password changes (or one racing sign-out-everywhere) only one session survives; hash and sessions change together',
    proofs: [
      { file: 'test/auth/sessions.test.ts', name: '^revocation races ' },
      { file: 'test/auth/accounts.test.ts', name: '^accounts.changePassword ' },
    ],
  },
  {
    title: "Server-side sessions: list, end one (404 for another user's), sign-out ends the token, pruning",
    proofs: [
      {
        file: 'test/auth/sessions.test.ts',
        name: '^(GET /api/auth/sessions|DELETE /api/auth/sessions/:id|POST /api/auth/signout|session bookkeeping) ',
      },
    ],
  },
  {
    title:
      "Every request reads its live session with its user: a revoked or expired session, another user's, or a deleted user's is refused at once, and role changes apply at once",
    proofs: [{ file: 'test/auth/sessions.test.ts', name: '^the per-request check' }],
  },
  {
    title:
      'Password reset: same 202 for unknown emails, hashed single-use expiring tokens, signup policy, earlier sessions ended',
    proofs: [{ file: 'test/auth/passwordReset.test.ts' }],
  },
  {
    title: 'Email verification and change; REQUIRE_VERIFIED_EMAIL answers 403 on generated resources',
    proofs: [{ file: 'test/auth/emailVerification.test.ts' }],
  },
  {
    title: 'Mail: dev outbox, SMTP over TLS only, a failing mail server never reaches the client, no token in the log',
    proofs: [{ file: 'test/mail/mailer.test.ts' }],
  },
  {
    title:
      'External issuers: an unverified email is not kept; user:promote refuses an unverified email unless --id names the account',
    proofs: [
      { file: 'test/interop/betterAuth.test.ts', name: 'has not verified' },
      { file: 'test/cli.test.ts', name: '^npm run user:promote ' },
    ],
  },
  {
    title:
      'External issuers: sign-out-everywhere refuses their earlier tokens; password change and sign-out answer 409',
    proofs: [{ file: 'test/interop/betterAuth.test.ts', name: 'issue 10 item 3' }],
  },
  {
    title: 'External issuer (Better Auth) tokens via JWKS, key rotation, unknown issuer refused',
    proofs: [{ file: 'test/interop/betterAuth.test.ts' }, { file: 'test/interop/externalAlgorithms.test.ts' }],
  },
  {
    title:
      'Credential rate limit: only sign-in, sign-up and password change; per client (IPv6 by /64) and per target account, shared in PostgreSQL',
    proofs: [{ file: 'test/auth/credentialLimit.test.ts' }],
  },
  {
    title:
      'Issuer outage: JWKS failures (down, 5xx, not a key set, a key that cannot be imported, over 64 KiB) are 503 with Retry-After and a backoff; only a bad signature or bad claims are 401',
    proofs: [{ file: 'test/auth/issuerOutage.test.ts' }],
  },
  {
    title: 'External sub must be a string of 1 to 255 characters, else 401',
    proofs: [{ file: 'test/auth/externalSubject.test.ts' }],
  },
  {
    title: "Only jose's verdicts on a token are 401; any other verification error is a logged 500",
    proofs: [{ file: 'test/auth/tokenErrors.test.ts' }],
  },
  {
    title: 'CSRF: Origin: null or empty is refused; Referer counts only when there is no Origin header',
    proofs: [{ file: 'test/auth/csrfOrigin.test.ts' }],
  },
  {
    title: 'Cache-Control: no-store and Pragma: no-cache on every /api/auth/* and every authenticated response',
    proofs: [{ file: 'test/security/noStore.test.ts' }],
  },
  {
    title:
      'PostgreSQL errors by SQLSTATE: year 0000, bad formats, overflows and missing references 422, duplicates 409, never 500',
    proofs: [{ file: 'test/http/databaseErrors.test.ts' }],
  },
  {
    title: 'NUL characters refused with 422; at most 20 unknown fields listed; request and header timeouts',
    proofs: [{ file: 'test/http/inputLimits.test.ts' }, { file: 'test/http/serverTimeouts.test.ts' }],
  },
  {
    title: 'Migrations are safe twice and concurrently',
    proofs: [{ file: 'test/db/migrate.test.ts' }],
  },
  {
    title: 'Graceful shutdown on SIGTERM',
    proofs: [
      { file: 'test/server.test.ts', name: 'exits 0 after draining on SIGTERM' },
      { file: 'test/server.test.ts', name: 'requests in flight at SIGTERM finish' },
    ],
  },
];
