// The error catalogue: every error the API can answer, with its status, detail and stable code.

export interface ProblemEntry {
  readonly status: number;
  /** The `detail` clients see; a resource may narrow it (e.g. "Todo not found"). */
  readonly detail: string;
  /** When the API answers it, for the docs and the OpenAPI document. */
  readonly when: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const BEARER_CHALLENGE = { 'WWW-Authenticate': 'Bearer' };
const RETRY_SOON = { 'Retry-After': '1' };

/**
 * One line per error, in status order. Adding an error = adding its line here and its row to the
 * error table of the HTTP API docs; test/http/problems.test.ts holds the three together.
 */
const CATALOGUE = {
  MALFORMED_JSON: { status: 400, detail: 'Malformed JSON body', when: 'The body is not valid JSON.' },
  UNREADABLE_BODY: {
    status: 400,
    detail: 'Unsupported request body',
    when: 'The body cannot be read (a corrupt compressed body, a body cut short).',
  },
  BAD_REQUEST: {
    status: 400,
    detail: 'Bad Request',
    when: 'The path holds an undecodable %-escape, or a plain-HTTP request in production has no Host to redirect to.',
  },
  INVALID_RESET_TOKEN: {
    status: 400,
    detail: 'Invalid or expired reset token',
    when: 'A password reset with an unknown, used or expired token.',
  },
  INVALID_VERIFY_TOKEN: {
    status: 400,
    detail: 'Invalid or expired verification token',
    when: 'An email verification with an unknown, used or expired token, or one sent to a former address.',
  },
  MISSING_CREDENTIALS: {
    status: 401,
    detail: 'Missing or invalid authorization header',
    when: 'No token, or an Authorization header that is not `Bearer <JWT>`.',
    headers: BEARER_CHALLENGE,
  },
  TOKEN_EXPIRED: {
    status: 401,
    detail: 'Token expired',
    when: 'The token is past its `exp`.',
    headers: BEARER_CHALLENGE,
  },
  INVALID_TOKEN: {
    status: 401,
    detail: 'Invalid token',
    when: 'Any other bad token: signature, algorithm, claims, revoked, or its user is gone.',
    headers: BEARER_CHALLENGE,
  },
  INVALID_CREDENTIALS: {
    status: 401,
    detail: 'Invalid email or password',
    when: 'Sign-in with an unknown email or a wrong password (the same answer for both).',
  },
  WRONG_PASSWORD: {
    status: 403,
    detail: 'Current password is incorrect',
    when: 'A password change with a wrong current password.',
  },
  CROSS_SITE_REFUSED: {
    status: 403,
    detail: 'Cross-site request refused',
    when: 'A cookie-authenticated write, or a cookie sign-in, from an origin not in `CORS_ORIGINS`.',
  },
  EMAIL_NOT_VERIFIED: {
    status: 403,
    detail: 'Email not verified',
    when: 'With `REQUIRE_VERIFIED_EMAIL=true`: a protected route outside /api/auth, for a user whose email is not verified.',
  },
  NOT_OWNER: {
    status: 403,
    detail: 'You can only access your own resources',
    when: "The path names another user's id.",
  },
  ADMIN_REQUIRED: {
    status: 403,
    detail: 'Admin access required',
    when: 'The caller is not an admin (as stored in the database).',
  },
  NOT_FOUND: {
    status: 404,
    detail: 'Not found',
    when: 'No such route, or no such row for this caller (a resource names itself: "Todo not found").',
  },
  EMAIL_TAKEN: {
    status: 409,
    detail: 'Email already registered',
    when: 'Sign-up with an email already in use (any case).',
  },
  EMAIL_TAKEN_BY_ANOTHER_METHOD: {
    status: 409,
    detail: 'Email already registered with another sign-in method',
    when: "An external issuer's first token carries the email of an existing account.",
  },
  EXTERNAL_ACCOUNT: {
    status: 409,
    detail: 'This account signs in through the external issuer: manage it there',
    when: "Password change, email change or sign-out of an external issuer's user: that issuer owns them.",
  },
  EMAIL_ALREADY_VERIFIED: {
    status: 409,
    detail: 'Email already verified',
    when: 'A verification request for an email that is already verified.',
  },
  NO_EMAIL: {
    status: 409,
    detail: 'This account has no email address',
    when: "A verification request from an external issuer's user that has no (verified) email.",
  },
  ALREADY_EXISTS: { status: 409, detail: 'Resource already exists', when: 'A write breaks a uniqueness rule.' },
  STILL_REFERENCED: {
    status: 409,
    detail: 'Still referenced by other rows',
    when: 'A delete of a row that other rows point to (a foreign key).',
  },
  BODY_TOO_LARGE: { status: 413, detail: 'Request body too large', when: 'The body is over `BODY_LIMIT`.' },
  UNSUPPORTED_BODY: {
    status: 415,
    detail: 'Unsupported request body',
    when: 'The body has an unsupported charset or content encoding.',
  },
  VALIDATION_FAILED: {
    status: 422,
    detail: 'Validation failed',
    when: 'Invalid input; `detail` is then a list of `{loc, msg, type}`, one per problem.',
  },
  RATE_LIMITED: {
    status: 429,
    detail: 'Too many requests, try again later',
    when: 'Too many credential attempts (sign-in, sign-up, password) from one client or at one account; `Retry-After` says when to retry.',
  },
  INTERNAL_ERROR: {
    status: 500,
    detail: 'Internal server error',
    when: 'A bug; it is logged, and the answer holds no internals.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    detail: 'Service temporarily unavailable',
    when: 'The database is down or saturated.',
    headers: RETRY_SOON,
  },
  HASHING_BUSY: {
    status: 503,
    detail: 'Too many sign-ins in progress, retry shortly',
    when: 'Sign-up, sign-in or a password change while as many passwords as the server queues wait to be hashed.',
    headers: RETRY_SOON,
  },
  ISSUER_UNAVAILABLE: {
    status: 503,
    detail: 'Token issuer unavailable',
    when: "The external issuer's JWKS cannot be fetched.",
    headers: RETRY_SOON,
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    detail: 'Database unavailable',
    when: 'Readiness: the database does not answer.',
  },
  SHUTTING_DOWN: { status: 503, detail: 'Shutting down', when: 'Readiness: the process is draining.' },
} as const satisfies Record<string, ProblemEntry>;

export type ProblemCode = keyof typeof CATALOGUE;

export const PROBLEMS: Readonly<Record<ProblemCode, ProblemEntry>> = Object.freeze(CATALOGUE);

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];
