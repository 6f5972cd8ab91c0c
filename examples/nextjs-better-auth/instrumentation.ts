// Runs once when the server starts (next dev or next start): Better Auth's tables are created on first run.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { migrateAuthDatabase } = await import('./lib/auth');
  await migrateAuthDatabase();
}
