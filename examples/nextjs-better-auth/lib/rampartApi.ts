// Rampart's todo API (/api/users/me/todos), typed by hand from its OpenAPI document. Everything the pages
// know about Rampart's HTTP shapes is in this file, so the generated typed client can replace it.

export interface Todo {
  id: number;
  user_id: number;
  title: string;
  description: string | null;
  completed: boolean;
  created_at: string;
  updated_at: string;
}

export interface TodoChanges {
  title?: string;
  description?: string | null;
  completed?: boolean;
}

export interface TodoPage {
  todos: Todo[];
  /** The next page's URL from the `Link: <...>; rel="next"` header; null on the last page. */
  next: string | null;
}

/** One entry of a 422's `detail`: which field (`loc`) and what is wrong with it (`msg`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

function detailText(detail: unknown, fallback: string): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return (detail as ValidationIssue[]).map((issue) => `${String(issue.loc.at(-1))}: ${issue.msg}`).join('; ');
  }
  return fallback;
}

/** An answer from Rampart outside 2xx, with its `{"detail": ..., "code": ...}` (detail as text). */
export class RampartError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    /** Rampart's stable error code (its error catalogue), when the answer carries one. */
    readonly code?: string,
  ) {
    super(`Rampart answered ${status}: ${detail}`);
    this.name = 'RampartError';
  }
}

/** Rampart could not be reached at all (down, wrong URL, or refused by CORS). */
export class RampartUnreachable extends Error {
  constructor() {
    super('Rampart cannot be reached');
    this.name = 'RampartUnreachable';
  }
}

export const PAGE_SIZE = 5;

function nextLink(header: string | null, baseUrl: string): string | null {
  const match = header?.match(/<([^>]+)>\s*;\s*rel="next"/);
  return match?.[1] ? new URL(match[1], baseUrl).toString() : null;
}

/** Rampart's calls for the signed-in person; `token` supplies a fresh bearer token for each call. */
export function createRampartApi(baseUrl: string, token: () => Promise<string>) {
  async function send(url: string, method: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await token()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new RampartUnreachable();
    }
    if (!res.ok) {
      const payload = (await res.json().catch(() => null)) as { detail?: unknown; code?: unknown } | null;
      const code = typeof payload?.code === 'string' ? payload.code : undefined;
      throw new RampartError(res.status, detailText(payload?.detail, res.statusText), code);
    }
    return res;
  }

  const collection = new URL('/api/users/me/todos', baseUrl).toString();

  return {
    /** The first page, or the page at `next` (a URL from a previous page). */
    async listTodos(next?: string): Promise<TodoPage> {
      const res = await send(next ?? `${collection}?limit=${PAGE_SIZE}`, 'GET');
      return { todos: (await res.json()) as Todo[], next: nextLink(res.headers.get('link'), baseUrl) };
    },
    async createTodo(title: string): Promise<Todo> {
      return (await (await send(collection, 'POST', { title })).json()) as Todo;
    },
    async updateTodo(id: number, changes: TodoChanges): Promise<Todo> {
      return (await (await send(`${collection}/${id}`, 'PATCH', changes)).json()) as Todo;
    },
    async deleteTodo(id: number): Promise<void> {
      await send(`${collection}/${id}`, 'DELETE');
    },
  };
}

export type RampartApi = ReturnType<typeof createRampartApi>;

/** What to tell the person, in plain words, when a call fails. */
export function plainWords(error: unknown): string {
  if (error instanceof RampartUnreachable) return 'The todo service cannot be reached right now. Please try again.';
  if (!(error instanceof RampartError)) return 'Something went wrong. Please try again.';
  switch (error.status) {
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      return 'You are not allowed to see or change these todos.';
    case 404:
      return 'That todo no longer exists. It may have been deleted elsewhere.';
    case 409:
      return `That cannot be done: ${error.detail}.`;
    case 413:
      return 'That is too long to save.';
    case 422:
      return `Please check what you typed: ${error.detail}.`;
    case 429:
      return 'Too many requests. Please wait a moment and try again.';
    default:
      return 'The todo service had a problem. Please try again.';
  }
}
