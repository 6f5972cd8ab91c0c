// Create an account with Better Auth (name, email, password).
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/session';
import { SignUpForm } from './SignUpForm';

export const dynamic = 'force-dynamic';

export default async function SignUpPage() {
  if (await currentSession()) redirect('/todos');
  return (
    <main>
      <h1>Create an account</h1>
      <SignUpForm />
      <p>
        Already have one? <Link href="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
