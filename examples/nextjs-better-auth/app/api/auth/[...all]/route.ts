// Better Auth's endpoints (/api/auth/sign-up/email, /sign-in/email, /token, /jwks, ...).
import { getAuth } from '@/lib/auth';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);
