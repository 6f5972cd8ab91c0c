// The account lifecycle operations (profile change, password reset, email verification, sessions) for the OpenAPI document.
import {
  forgotPasswordBody,
  profileChangeBody,
  resetPasswordBody,
  sessionParams,
  sessionQuery,
  verifyEmailBody,
} from '../auth/schemas';
import { bearerSecurity, ref } from './components';
import { toJsonSchema, toParameters } from './jsonSchema';
import { problemResponse } from './problemResponses';
import type { JsonSchema, Paths } from './types';

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const body = (schema: JsonSchema) => ({ required: true, content: json(schema) });
const accepted = (description: string) => ({
  description,
  content: json({ type: 'object', properties: { detail: { type: 'string' } }, required: ['detail'] }),
});
const common = {
  '422': ref('responses', 'ValidationFailed'),
  '429': ref('responses', 'TooManyRequests'),
};
const signedIn = { '401': ref('responses', 'Unauthorized') };

export function accountPaths(): Paths {
  return {
    '/api/auth/password/forgot': {
      post: {
        tags: ['auth'],
        summary: 'Ask for a password reset link',
        operationId: 'forgotPassword',
        description:
          'Mails a single-use link (`APP_URL` + `RESET_PASSWORD_PATH`?token=…, valid `PASSWORD_RESET_TTL`) when an account with a password has this email; at most one per account per minute. The answer is the same either way.',
        requestBody: body(toJsonSchema(forgotPasswordBody, 'input')),
        responses: { '202': accepted('Always, whether or not the account exists.'), ...common },
      },
    },
    '/api/auth/password/reset': {
      post: {
        tags: ['auth'],
        summary: 'Set a new password with a reset link',
        operationId: 'resetPassword',
        description:
          'Uses the token up, sets the password (signup rules), ends every session of the account and signs in with a new one.',
        parameters: toParameters(sessionQuery, 'query'),
        requestBody: body(toJsonSchema(resetPasswordBody, 'input')),
        responses: {
          '200': { description: 'Password set; a new session.', content: json(ref('schemas', 'Session')) },
          '400': problemResponse(['INVALID_RESET_TOKEN']),
          '403': ref('responses', 'UntrustedOrigin'),
          ...common,
        },
      },
    },
    '/api/auth/email/verify-request': {
      post: {
        tags: ['auth'],
        summary: 'Send a new verification link',
        operationId: 'requestEmailVerification',
        description: 'At most one mail per account per minute. Open to unverified users under REQUIRE_VERIFIED_EMAIL.',
        security: bearerSecurity,
        responses: {
          '202': accepted('A link is on its way (unless one was sent under a minute ago).'),
          ...signedIn,
          '409': problemResponse(['EMAIL_ALREADY_VERIFIED', 'NO_EMAIL']),
          '429': ref('responses', 'TooManyRequests'),
        },
      },
    },
    '/api/auth/email/verify': {
      post: {
        tags: ['auth'],
        summary: 'Confirm an email with its link',
        operationId: 'verifyEmail',
        description:
          'Single use; valid `EMAIL_VERIFY_TTL`, and only while the account still has the address it was sent to.',
        requestBody: body(toJsonSchema(verifyEmailBody, 'input')),
        responses: {
          '200': {
            description: 'Verified.',
            content: json({ type: 'object', properties: { user: ref('schemas', 'User') }, required: ['user'] }),
          },
          '400': problemResponse(['INVALID_VERIFY_TOKEN']),
          ...common,
        },
      },
    },
    '/api/auth/sessions': {
      get: {
        tags: ['auth'],
        summary: "The caller's live sessions",
        operationId: 'listSessions',
        security: bearerSecurity,
        responses: {
          '200': {
            description: 'Newest first; `current` marks this one.',
            content: json({ type: 'array', items: ref('schemas', 'SessionInfo') }),
          },
          ...signedIn,
        },
      },
    },
    '/api/auth/sessions/{id}': {
      delete: {
        tags: ['auth'],
        summary: "End one of the caller's sessions",
        operationId: 'endSession',
        description: 'Its token stops working at once.',
        security: bearerSecurity,
        parameters: toParameters(sessionParams, 'path'),
        responses: {
          '204': { description: 'Ended.' },
          ...signedIn,
          '403': ref('responses', 'UntrustedOrigin'),
          '404': problemResponse(['NOT_FOUND'], '"Session not found": unknown, already ended, or another user\'s.'),
          '422': ref('responses', 'ValidationFailed'),
        },
      },
    },
  };
}

/** PATCH /api/auth/me, merged into the path of GET /api/auth/me. */
export const profileChange = {
  tags: ['auth'],
  summary: 'Change the name or email',
  operationId: 'updateMe',
  description:
    'An email change needs `current_password`; the account is then unverified until the link mailed to the new address is opened, and the old address is told.',
  security: bearerSecurity,
  requestBody: body(toJsonSchema(profileChangeBody, 'input')),
  responses: {
    '200': { description: 'The updated caller.', content: json(ref('schemas', 'User')) },
    ...signedIn,
    '403': problemResponse(['WRONG_PASSWORD', 'CROSS_SITE_REFUSED']),
    '409': problemResponse(['EMAIL_TAKEN', 'EXTERNAL_ACCOUNT']),
    ...common,
  },
};
