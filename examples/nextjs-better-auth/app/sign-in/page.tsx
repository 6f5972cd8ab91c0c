// Sign in with email and password; a signed-in person goes straight to the todos.
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/session';
import { SignInForm } from './SignInForm';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ ended?: string }> }) {
  if (await currentSession()) redirect('/todos');
  const { ended } = await searchParams;
  return (
    <main>
      <h1>Sign in</h1>
      {ended ? <p className="notice">Your session has ended. Please sign in again.</p> : null}
      <SignInForm />
      <p>
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
