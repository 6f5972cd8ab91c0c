// The home page: the todo page for a signed-in person, the sign-in page for anyone else.
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/session';

export const dynamic = 'force-dynamic';

export default async function Home() {
  redirect((await currentSession()) ? '/todos' : '/sign-in');
}
