// Response shapes and shared parts of the OpenAPI document: declared once here, referenced by every operation.
import { USER_ID } from '../auth/requireOwner';
import { z } from 'zod';
import { ROLES } from '../users/model';
import { toJsonSchema } from './jsonSchema';
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
  email: z
    .string()
    .meta({ format: 'email' })
    .nullable()
    .meta({ description: "Null for an external issuer's user whose email that issuer has not verified." }),
  email_verified: z.boolean(),
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

export const errorBody = z.object({ detail: z.string() });

/** One server-side session in GET /api/auth/sessions. */
export const sessionInfo = z.object({
  id: z.uuid(),
  created_at: timestamp,
  last_seen_at: timestamp.meta({ description: 'Updated at most once a minute.' }),
  expires_at: timestamp,
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean().meta({ description: 'The session of the token this request was made with.' }),
});

export const validationErrorBody = z.object({
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
    SessionInfo: toJsonSchema(sessionInfo, 'output'),
    Error: toJsonSchema(errorBody, 'output'),
    ValidationError: toJsonSchema(validationErrorBody, 'output'),
    HealthStatus: toJsonSchema(healthStatus, 'output'),
  };
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const error = (description: string): Response => ({ description, content: json(ref('schemas', 'Error')) });

export function coreResponses(): Record<string, Response> {
  return {
    Unauthorized: {
      ...error(
        'No token, or an expired or invalid one: "Missing or invalid authorization header", "Token expired" or "Invalid token".',
      ),
      headers: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } },
    },
    UntrustedOrigin: error('A cookie-authenticated write from an origin not in CORS_ORIGINS (CSRF defence).'),
    NotOwner: error('The path names another user: "You can only access your own resources".'),
    NotAdmin: error('The caller is not an admin (as stored in the database): "Admin access required".'),
    NotFound: error('No such row, or it belongs to someone else.'),
    Conflict: error('Already exists.'),
    ExternalAccount: error(
      'The account signs in through the external issuer (JWKS), which owns its password and sessions: "This account signs in through the external issuer: manage it there".',
    ),
    ValidationFailed: {
      description: 'Invalid input: one entry per problem.',
      content: json(ref('schemas', 'ValidationError')),
    },
    TooManyRequests: {
      ...error('Rate limit reached on /api/auth/*.'),
      headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
    },
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
