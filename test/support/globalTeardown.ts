// Stops the embedded PostgreSQL globalSetup started; an external server keeps its test databases for inspection.
import { removeDir } from './testDatabase';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.__RAMPART_EMBEDDED_PG__;
  if (!embedded) return;
  await embedded.server.stop();
  removeDir(embedded.dataDir);
}
