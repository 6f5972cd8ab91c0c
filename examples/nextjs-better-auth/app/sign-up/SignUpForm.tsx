'use client';
// The sign-up form: Better Auth creates the account and signs the person in.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/authClient';

export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const { error } = await authClient.signUp.email({
      name: String(form.get('name')),
      email: String(form.get('email')),
      password: String(form.get('password')),
    });
    setBusy(false);
    if (error) setError(error.message ?? 'Creating the account failed. Please try again.');
    else router.replace('/todos');
  }

  return (
    <form onSubmit={submit}>
      {error ? <p role="alert">{error}</p> : null}
      <label>
        Name
        <input type="text" name="name" autoComplete="name" required />
      </label>
      <label>
        Email
        <input type="email" name="email" autoComplete="email" required />
      </label>
      <label>
        Password (at least 8 characters)
        <input type="password" name="password" autoComplete="new-password" minLength={8} required />
      </label>
      <button type="submit" disabled={busy}>
        Create account
      </button>
    </form>
  );
}
