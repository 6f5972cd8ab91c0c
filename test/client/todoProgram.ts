// A frontend's use of the typed client, run against the real app by client.test.ts: `tsx todoProgram.ts <apiUrl> <origin>`.
import { createApiClient, errorMessage, nextPage, type ApiErrorBody, type components } from '../../client';

type Todo = components['schemas']['Todo'];

/** A fetch that keeps cookies and sends an Origin, as a browser on `origin` does with credentials: 'include'. */
function browserLikeFetch(origin: string): (request: Request) => Promise<Response> {
  const jar = new Map<string, string>();
  return async (request) => {
    request.headers.set('Origin', origin);
    if (jar.size > 0) request.headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(request);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
}

async function main(baseUrl: string, origin: string) {
  const anonymous = createApiClient({ baseUrl });
  const email = `client-${process.pid}@example.com`;
  const signup = await anonymous.POST('/api/auth/signup', {
    body: { email, password: 'a typed client walks in 42', name: 'Client' },
  });
  if (!signup.data?.token) throw new Error(`signup failed: ${JSON.stringify(signup.error)}`);
  const { user, token } = signup.data;
  const api = createApiClient({ baseUrl, session: { kind: 'bearer', token } });
  const userPath = { userId: String(user.id) };

  for (const title of ['one', 'two', 'three', 'four', 'five']) {
    const created = await api.POST('/api/users/{userId}/todos', { params: { path: userPath }, body: { title } });
    if (!created.data) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
  }

  const pages: string[][] = [];
  let page: { limit: number; cursor?: string } | undefined = { limit: 2 };
  while (page) {
    const listed = await api.GET('/api/users/{userId}/todos', { params: { path: userPath, query: page } });
    if (!listed.data) throw new Error(`list failed: ${JSON.stringify(listed.error)}`);
    pages.push(listed.data.map((todo: Todo) => todo.title));
    page = nextPage(listed.response);
  }

  const denied = await anonymous.GET('/api/users/{userId}/todos', { params: { path: userPath } });
  const deniedError: ApiErrorBody | undefined = denied.error;
  const invalid = await api.POST('/api/users/{userId}/todos', { params: { path: userPath }, body: { title: '' } });
  const invalidError: ApiErrorBody | undefined = invalid.error;

  const browser = createApiClient({ baseUrl, session: { kind: 'cookie' }, fetch: browserLikeFetch(origin) });
  const signin = await browser.POST('/api/auth/signin', {
    params: { query: { session: 'cookie' } },
    body: { email, password: 'a typed client walks in 42' },
  });
  const me = await browser.GET('/api/auth/me');

  return {
    pages,
    denied: {
      status: denied.response.status,
      code: deniedError?.code,
      message: deniedError && errorMessage(deniedError),
    },
    invalid: {
      status: invalid.response.status,
      code: invalidError?.code,
      message: invalidError && errorMessage(invalidError),
    },
    cookie: { signinStatus: signin.response.status, tokenInBody: signin.data?.token !== undefined, me: me.data?.email },
  };
}

const [baseUrl = '', origin = ''] = process.argv.slice(2);
main(baseUrl, origin).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
