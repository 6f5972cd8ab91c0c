// The todo page: only for a signed-in person (checked on the server); the list itself comes from Rampart.
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/session';
import { settings } from '@/lib/settings';
import { SignOutButton } from './SignOutButton';
import { TodoList } from './TodoList';

export const dynamic = 'force-dynamic';

export default async function TodosPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return (
    <>
      <header>
        <strong>Rampart todos</strong>
        <span>
          {session.user.email} <SignOutButton />
        </span>
      </header>
      <main>
        <h1>{session.user.name}&apos;s todos</h1>
        <TodoList rampartUrl={settings().rampartUrl} />
      </main>
    </>
  );
}
