// The document's error responses, built from the error catalogue: one named example per entry they can answer.
import { PROBLEMS, type ProblemCode } from '../http/problems';
import type { Paths, Response, ResponseOrRef } from './types';

const HEADER_DESCRIPTIONS: Record<string, string> = {
  'WWW-Authenticate': 'Bearer',
  'Retry-After': 'Seconds to wait before retrying.',
};

/** An example body of VALIDATION_FAILED, whose detail is a list of issues. */
const VALIDATION_EXAMPLE = [{ loc: ['body', 'email'], msg: 'Invalid email address', type: 'invalid_format' }];

/** The response for a set of catalogue entries sharing one status; `summary` leads the description. */
export function problemResponse(codes: readonly ProblemCode[], summary?: string): Response {
  const statuses = new Set(codes.map((code) => PROBLEMS[code].status));
  if (statuses.size !== 1) throw new TypeError(`one response cannot carry statuses ${[...statuses].join(', ')}`);
  const headerNames = new Set(codes.flatMap((code) => Object.keys(PROBLEMS[code].headers ?? {})));
  const headers = Object.fromEntries(
    [...headerNames].map((name) => [
      name,
      { description: HEADER_DESCRIPTIONS[name] ?? name, schema: { type: 'string' } },
    ]),
  );
  const isValidation = codes.includes('VALIDATION_FAILED');
  const lines = codes.map((code) => `\`${code}\`: ${PROBLEMS[code].when}`);
  return {
    description: [summary, ...lines].filter(Boolean).join(' '),
    ...(headerNames.size > 0 ? { headers } : {}),
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${isValidation ? 'ValidationError' : 'Error'}` },
        examples: Object.fromEntries(
          codes.map((code) => [
            code,
            {
              summary: PROBLEMS[code].detail,
              value: { detail: code === 'VALIDATION_FAILED' ? VALIDATION_EXAMPLE : PROBLEMS[code].detail, code },
            },
          ]),
        ),
      },
    },
  };
}

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/**
 * Adds the errors any operation can answer whatever its route: a bug (500), an unavailable database or
 * issuer (503), an unreadable body (400, 413, 415), a first external token whose email is taken or a write
 * the database refuses (409).
 */
export function withCommonProblems(paths: Paths): Paths {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => {
          const common: Record<string, ResponseOrRef> = { '500': ref('InternalError') };
          if (!path.startsWith('/api/health')) common['503'] = ref('Unavailable');
          if (operation.requestBody) {
            Object.assign(common, {
              '400': ref('BadRequest'),
              '413': ref('PayloadTooLarge'),
              '415': ref('UnsupportedBody'),
            });
          }
          if (operation.security) common['409'] = ref(method === 'get' ? 'ExternalAccountConflict' : 'Conflict');
          return [method, { ...operation, responses: { ...common, ...operation.responses } }];
        }),
      ),
    ]),
  );
}
