// Opens the configured database the same way for the server and every CLI, rotating password included.
import type { Config } from '../config';
import { createDatabase, type Database } from './database';
import { iamTokenProvider } from './iamAuthToken';
import { secretPasswordProvider } from './secretPassword';

export function openDatabase(settings: Config['database'], url: string): Database {
  return createDatabase({ ...settings, url, passwordProvider: passwordProvider(settings, url) });
}

/** The per-connection password: an IAM token (the API on AWS), the rotating secret (migrate), or the URL's own. */
export function passwordProvider(settings: Config['database'], url: string): (() => Promise<string>) | undefined {
  if (settings.iamAuthRegion) return iamTokenProvider({ url, region: settings.iamAuthRegion });
  if (settings.passwordSecretArn) return secretPasswordProvider({ secretArn: settings.passwordSecretArn });
  return undefined;
}
