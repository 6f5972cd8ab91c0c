'use client';
// Signs out of Better Auth and forgets the Rampart token kept in this tab.
import { useRouter } from 'next/navigation';
import { authClient } from '@/lib/authClient';
import { forgetRampartToken } from '@/lib/rampartToken';

export function SignOutButton() {
  const router = useRouter();
  async function signOut() {
    forgetRampartToken();
    await authClient.signOut();
    router.replace('/sign-in');
  }
  return (
    <button type="button" className="quiet" onClick={signOut}>
      Sign out
    </button>
  );
}
