// The Rampart API token in the browser: a Better Auth JWT kept in sessionStorage and renewed before it expires.
import { authClient } from './authClient';

const STORAGE_KEY = 'rampart.token';
/** Renew this long before `exp`, so a request never leaves with a token that runs out on the way. */
const RENEW_MARGIN_MS = 60_000;

function expiresSoon(token: string): boolean {
  try {
    const payload = token.split('.')[1] ?? '';
    const { exp } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof exp !== 'number' || exp * 1000 - Date.now() < RENEW_MARGIN_MS;
  } catch {
    return true;
  }
}

/** A token for Rampart, or null when Better Auth has no session (signed out, or the session expired). */
export async function rampartToken(): Promise<string | null> {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (stored && !expiresSoon(stored)) return stored;
  const { data } = await authClient.token();
  if (!data?.token) {
    forgetRampartToken();
    return null;
  }
  sessionStorage.setItem(STORAGE_KEY, data.token);
  return data.token;
}

export function forgetRampartToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
