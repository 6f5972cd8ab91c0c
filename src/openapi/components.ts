// Response shapes and shared parts of the OpenAPI document: declared once here, referenced by every operation.
import { USER_ID } from '../auth/requireOwner';
import { z } from 'zod';
import { PROBLEM_CODES } from '../http/problems';
import { ROLES } from '../users/model';
import { toJsonSchema } from './jsonSchema';
import { problemResponse } from './problemResponses';
import type { JsonSchema, Parameter, Response } from './types';

/** Timestamps leave the API as ISO 8601 strings (JSON.stringify of a Date). */
export const timestamp = z.string().meta({ format: 'date-time' });

const rowId = z.number().int().positive();

/** One stored row of a resource as the API returns it: the id, the owner, the fields, the timestamps. */
export function storedRow(fields: z.ZodRawShape) {
  return z.object({ id: rowId, user_id: rowId, ...fields, created_at: timestamp, updated_at: timestamp });
}

/** The only shape of a user that leaves the API (toPublicUser). */
export const publicUser = z.object({
  id: rowId,
  email: z.string().meta({ format: 'email' }),
  name: z.string(),
  role: z.enum(ROLES),
  created_at: timestamp,
});

export const session = z.object({
  user: publicUser,
  token: z.string().optional().meta({
    description:
      'An access token (JWT): send it as `Authorization: Bearer <token>`. Absent with `?session=cookie`: the token is then in the httpOnly session cookie.',
  }),
});

const problemCode = z.enum(PROBLEM_CODES).meta({ description: 'Stable machine-readable code of the error.' });

export const errorBody = z.object({ detail: z.string(), code: problemCode });

export const validationErrorBody = z.object({
  code: z.literal('VALIDATION_FAILED'),
  detail: z.array(
    z.object({
      loc: z
        .array(z.union([z.string(), z.number().int()]))
        .meta({ description: 'Where: path, query or body, then the field.' }),
      msg: z.string(),
      type: z.string(),
    }),
  ),
});

export const healthStatus = z.object({ status: z.enum(['ok', 'ready']) });

/** `$ref` to a component of the document. */
export const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

export function coreSchemas(): Record<string, JsonSchema> {
  return {
    User: toJsonSchema(publicUser, 'output'),
    Session: toJsonSchema(session, 'output'),
    Error: toJsonSchema(errorBody, 'output'),
    ValidationError: toJsonSchema(validationErrorBody, 'output'),
    HealthStatus: toJsonSchema(healthStatus, 'output'),
  };
}

export function coreResponses(): Record<string, Response> {
  return {
    Unauthorized: problemResponse(['MISSING_CREDENTIALS', 'TOKEN_EXPIRED', 'INVALID_TOKEN']),
    UntrustedOrigin: problemResponse(['CROSS_SITE_REFUSED'], 'CSRF defence.'),
    NotOwner: problemResponse(['NOT_OWNER']),
    NotAdmin: problemResponse(['ADMIN_REQUIRED']),
    NotFound: problemResponse(['NOT_FOUND']),
    Conflict: problemResponse(['ALREADY_EXISTS', 'STILL_REFERENCED', 'EMAIL_TAKEN_BY_ANOTHER_METHOD']),
    ExternalAccountConflict: problemResponse(['EMAIL_TAKEN_BY_ANOTHER_METHOD']),

    ValidationFailed: problemResponse(['VALIDATION_FAILED']),
    TooManyRequests: problemResponse(['RATE_LIMITED']),
    BadRequest: problemResponse(['MALFORMED_JSON', 'UNREADABLE_BODY', 'BAD_REQUEST']),
    PayloadTooLarge: problemResponse(['BODY_TOO_LARGE']),
    UnsupportedBody: problemResponse(['UNSUPPORTED_BODY']),
    InternalError: problemResponse(['INTERNAL_ERROR']),
    Unavailable: problemResponse(['SERVICE_UNAVAILABLE', 'ISSUER_UNAVAILABLE']),
  };
}

export function coreParameters(): Record<string, Parameter> {
  return {
    UserId: {
      name: 'userId',
      in: 'path',
      required: true,
      description: "The caller's own numeric id, or `me`. Another user's id answers 403.",
      // requireOwner's rule, as a pattern: path segments are strings.
      schema: { type: 'string', pattern: USER_ID.source, examples: ['me'] },
    },
  };
}

export const pageLinkHeader = {
  Link: {
    description: 'RFC 8288 `<…>; rel="next"` while more pages remain; absent on the last page.',
    schema: { type: 'string' },
  },
};

/** A bearer token, or the session cookie signin sets with `?session=cookie`: requireAuth accepts either. */
export const bearerSecurity: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

export const securitySchemes = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  cookie: {
    type: 'apiKey',
    in: 'cookie',
    // `__Host-rampart_session` in production (Secure); writes authenticated by it need a trusted Origin.
    name: 'rampart_session',
    description:
      'The httpOnly session cookie (`__Host-rampart_session` in production). State-changing requests authenticated by it must come from an origin in CORS_ORIGINS.',
  },
};
