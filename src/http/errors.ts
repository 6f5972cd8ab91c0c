// Errors a handler may throw, each an entry of the catalogue (problems.ts); the error middleware answers them.
import { PROBLEMS, type ProblemCode } from './problems';

export interface ProblemOverrides {
  /** A narrower detail than the catalogue's, e.g. "Todo not found" for NOT_FOUND. */
  detail?: string;
  headers?: Record<string, string>;
  /** What went wrong underneath, for the log of a 5xx; never sent to the client. */
  cause?: unknown;
}

/** An error of the catalogue; the error middleware answers it as `{"detail": ..., "code": ...}`. */
export class Problem extends Error {
  readonly status: number;
  readonly detail: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ProblemCode,
    overrides: ProblemOverrides = {},
  ) {
    const entry = PROBLEMS[code];
    const detail = overrides.detail ?? entry.detail;
    super(detail, overrides.cause === undefined ? undefined : { cause: overrides.cause });
    this.name = 'Problem';
    this.status = entry.status;
    this.detail = detail;
    this.headers = { ...entry.headers, ...overrides.headers };
  }
}

/** `throw problem('NOT_OWNER')`. */
export const problem = (code: ProblemCode, overrides?: ProblemOverrides) => new Problem(code, overrides);

/** A 404 naming what was not found, as generated resources answer it. */
export const notFound = (detail?: string) => new Problem('NOT_FOUND', { detail });

/** One FastAPI-style validation error entry. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** VALIDATION_FAILED, whose detail is a list of issues, as FastAPI returns for invalid input. */
export class ValidationError extends Problem {
  constructor(readonly issues: ValidationIssue[]) {
    super('VALIDATION_FAILED');
    this.name = 'ValidationError';
  }
}
