// The kit's own operations (health, auth, users, admin) for the OpenAPI document, from the routes' own schemas.
import { passwordChangeBody, sessionQuery, signinBody, signupBody } from '../auth/schemas';
import { pageQuery } from '../http/pagination';
import { accountPaths, profileChange } from './accountOperations';
import { bearerSecurity, pageLinkHeader, ref } from './components';
import { problemResponse } from './problemResponses';
import { toJsonSchema, toParameters } from './jsonSchema';
import type { HttpMethod, JsonSchema, Paths } from './types';

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const unauthorized = { '401': ref('responses', 'Unauthorized') };
const tooManyRequests = { '429': ref('responses', 'TooManyRequests') };
const validation = { '422': ref('responses', 'ValidationFailed') };
const untrustedOrigin = { '403': ref('responses', 'UntrustedOrigin') };
/** Routes that hash a password can also be refused while the server hashes as many as it queues. */
const hashing = { '503': problemResponse(['SERVICE_UNAVAILABLE', 'ISSUER_UNAVAILABLE', 'HASHING_BUSY']) };
const setsCookie = {
  'Set-Cookie': {
    description: 'With `?session=cookie`: the httpOnly, SameSite=Lax session cookie holding the token.',
    schema: { type: 'string' },
  },
};
const clearsCookie = { 'Set-Cookie': { description: 'Clears the session cookie.', schema: { type: 'string' } } };

/**
 * What src/auth/routes.ts mounts only with LOCAL_ACCOUNTS (its mountLocalAccounts): accounts with a password.
 * Without them these operations are left out of the document, as the routes are out of the app.
 */
export const LOCAL_ACCOUNT_OPERATIONS: readonly (readonly [string, HttpMethod])[] = [
  ['/api/auth/signup', 'post'],
  ['/api/auth/signin', 'post'],
  ['/api/auth/me', 'patch'],
  ['/api/auth/password', 'post'],
  ['/api/auth/password/forgot', 'post'],
  ['/api/auth/password/reset', 'post'],
  ['/api/auth/email/verify-request', 'post'],
  ['/api/auth/email/verify', 'post'],
];

export interface CoreOptions {
  /** LOCAL_ACCOUNTS; true when left out. */
  localAccounts?: boolean;
}

export function coreTags({ localAccounts = true }: CoreOptions = {}) {
  return [
    { name: 'health', description: 'Liveness and readiness probes.' },
    {
      name: 'auth',
      description: localAccounts
        ? 'Sign up, sign in, sign out, change or reset the password, verify the email, list and end sessions. The credential and mail endpoints are rate-limited per client (IPv6 by /64) and per target account. `?session=cookie` puts the token in an httpOnly cookie instead of the body. No response here may be cached (`Cache-Control: no-store`).'
        : 'The caller, sign out, list and end sessions. Accounts come from the external issuer: this server has no sign-up, sign-in or password of its own (LOCAL_ACCOUNTS=false). No response here may be cached (`Cache-Control: no-store`).',
    },
    { name: 'users', description: "A user's own profile, and the admin's list of users." },
  ];
}

/** The kit's operations; without local accounts, the operations that need them are left out. */
export function corePaths({ localAccounts = true }: CoreOptions = {}): Paths {
  const paths = allCorePaths();
  if (localAccounts) return paths;
  for (const [path, method] of LOCAL_ACCOUNT_OPERATIONS) {
    const item = paths[path];
    if (!item) continue;
    delete item[method];
    if (Object.keys(item).length === 0) delete paths[path];
  }
  return paths;
}

function allCorePaths(): Paths {
  return {
    '/api/health': {
      get: {
        tags: ['health'],
        summary: 'Liveness',
        operationId: 'health',
        description: 'Never touches the database.',
        responses: { '200': { description: 'The process is up.', content: json(ref('schemas', 'HealthStatus')) } },
      },
    },
    '/api/health/ready': {
      get: {
        tags: ['health'],
        summary: 'Readiness',
        operationId: 'ready',
        responses: {
          '200': { description: 'The database answers.', content: json(ref('schemas', 'HealthStatus')) },
          '503': problemResponse(['DATABASE_UNAVAILABLE', 'SHUTTING_DOWN']),
        },
      },
    },
    '/api/auth/signup': {
      post: {
        tags: ['auth'],
        summary: 'Create an account',
        operationId: 'signup',
        description:
          'Passwords: 8 characters to 72 UTF-8 bytes, not a known leaked password, not the email. Unknown fields such as `role` are refused.',
        parameters: toParameters(sessionQuery, 'query'),
        requestBody: { required: true, content: json(toJsonSchema(signupBody, 'input')) },
        responses: {
          '201': {
            description: 'Signed up and signed in.',
            headers: setsCookie,
            content: json(ref('schemas', 'Session')),
          },
          ...untrustedOrigin,
          '409': problemResponse(['EMAIL_TAKEN']),
          ...validation,
          ...tooManyRequests,
          ...hashing,
        },
      },
    },
    '/api/auth/signin': {
      post: {
        tags: ['auth'],
        summary: 'Sign in',
        operationId: 'signin',
        parameters: toParameters(sessionQuery, 'query'),
        requestBody: { required: true, content: json(toJsonSchema(signinBody, 'input')) },
        responses: {
          '200': { description: 'Signed in.', headers: setsCookie, content: json(ref('schemas', 'Session')) },
          ...untrustedOrigin,
          '401': problemResponse(['INVALID_CREDENTIALS']),
          ...validation,
          ...tooManyRequests,
          ...hashing,
        },
      },
    },
    '/api/auth/me': {
      get: {
        tags: ['auth'],
        summary: 'The caller',
        operationId: 'me',
        security: bearerSecurity,
        responses: {
          '200': { description: 'The caller.', content: json(ref('schemas', 'User')) },
          ...unauthorized,
        },
      },
      patch: profileChange,
    },
    '/api/auth/signout': {
      post: {
        tags: ['auth'],
        summary: 'End this session',
        operationId: 'signout',
        description:
          'Ends the session of the token sent (bearer or cookie) server-side, so it stops working at once, and clears the session cookie. Without a live session it only clears the cookie.',
        responses: {
          '204': { description: 'Signed out.', headers: clearsCookie },
          ...untrustedOrigin,
          '409': ref('responses', 'ExternalAccount'),
        },
      },
    },
    '/api/auth/signout-all': {
      post: {
        tags: ['auth'],
        summary: 'Sign out everywhere',
        operationId: 'signoutAll',
        description:
          "Ends every session of the caller, on every device. For an external issuer's user, its tokens issued up to now are refused from then on.",
        security: bearerSecurity,
        responses: {
          '204': { description: 'Every earlier token is revoked.', headers: clearsCookie },
          ...unauthorized,
          ...untrustedOrigin,
        },
      },
    },
    '/api/auth/password': {
      post: {
        tags: ['auth'],
        summary: 'Change the password',
        operationId: 'changePassword',
        description:
          'Needs the current password; the new one follows the signup rules. Every session ends (a concurrent change that committed first ends this one: 401), outstanding reset links are voided, and a new session is returned.',
        security: bearerSecurity,
        requestBody: { required: true, content: json(toJsonSchema(passwordChangeBody, 'input')) },
        responses: {
          '200': {
            description: 'Changed; a fresh session.',
            headers: setsCookie,
            content: json(ref('schemas', 'Session')),
          },
          ...unauthorized,
          '403': problemResponse(['WRONG_PASSWORD', 'CROSS_SITE_REFUSED']),
          '409': ref('responses', 'ExternalAccount'),
          ...validation,
          ...tooManyRequests,
          ...hashing,
        },
      },
    },
    ...accountPaths(),
    '/api/users/{userId}/profile': {
      get: {
        tags: ['users'],
        summary: "The caller's profile",
        operationId: 'profile',
        security: bearerSecurity,
        parameters: [ref('parameters', 'UserId')],
        responses: {
          '200': { description: 'The profile.', content: json(ref('schemas', 'User')) },
          ...unauthorized,
          '403': ref('responses', 'NotOwner'),
          ...validation,
        },
      },
    },
    '/api/admin/users': {
      get: {
        tags: ['users'],
        summary: 'List all users (admins only)',
        operationId: 'listUsers',
        security: bearerSecurity,
        parameters: toParameters(pageQuery, 'query'),
        responses: {
          '200': {
            description: 'One page of users in id order.',
            headers: pageLinkHeader,
            content: json({ type: 'array', items: ref('schemas', 'User') }),
          },
          ...unauthorized,
          '403': ref('responses', 'NotAdmin'),
          ...validation,
        },
      },
    },
  };
}
