// The kit's own operations (health, auth, users, admin) for the OpenAPI document, from the routes' own schemas.
import { passwordChangeBody, sessionQuery, signinBody, signupBody } from '../auth/schemas';
import { pageQuery } from '../http/pagination';
import { bearerSecurity, pageLinkHeader, ref } from './components';
import { problemResponse } from './problemResponses';
import { toJsonSchema, toParameters } from './jsonSchema';
import type { JsonSchema, Paths } from './types';

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const unauthorized = { '401': ref('responses', 'Unauthorized') };
const tooManyRequests = { '429': ref('responses', 'TooManyRequests') };
const validation = { '422': ref('responses', 'ValidationFailed') };
const untrustedOrigin = { '403': ref('responses', 'UntrustedOrigin') };
const setsCookie = {
  'Set-Cookie': {
    description: 'With `?session=cookie`: the httpOnly, SameSite=Lax session cookie holding the token.',
    schema: { type: 'string' },
  },
};
const clearsCookie = { 'Set-Cookie': { description: 'Clears the session cookie.', schema: { type: 'string' } } };

export const coreTags = [
  { name: 'health', description: 'Liveness and readiness probes.' },
  {
    name: 'auth',
    description:
      'Sign up, sign in, sign out, change the password. Sign-in, sign-up and password change are rate-limited per client (IPv6 by /64) and per target account. `?session=cookie` puts the token in an httpOnly cookie instead of the body. No response here may be cached (`Cache-Control: no-store`).',
  },
  { name: 'users', description: "A user's own profile, and the admin's list of users." },
];

export function corePaths(): Paths {
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
    },
    '/api/auth/signout': {
      post: {
        tags: ['auth'],
        summary: "End this browser's cookie session",
        operationId: 'signout',
        description: 'Clears the session cookie. A bearer token stays valid until it expires or `signout-all`.',
        responses: { '204': { description: 'Signed out.', headers: clearsCookie } },
      },
    },
    '/api/auth/signout-all': {
      post: {
        tags: ['auth'],
        summary: 'Sign out everywhere',
        operationId: 'signoutAll',
        description: 'Revokes every token issued to the caller so far, on every device.',
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
          'Needs the current password; the new one follows the signup rules. Every earlier token is revoked, and a new session is returned.',
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
          ...validation,
          ...tooManyRequests,
        },
      },
    },
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
