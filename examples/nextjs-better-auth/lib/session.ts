// The Better Auth session of the request being rendered, read on the server from its cookies.
import { headers } from 'next/headers';
import { getAuth } from './auth';

export async function currentSession() {
  return getAuth().api.getSession({ headers: await headers() });
}
