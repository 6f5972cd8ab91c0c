// Opens the configured database the same way for the server and every CLI, rotating password included.
import type { Config } from '../config';
import { createDatabase, type Database } from './database';
import { secretPasswordProvider } from './secretPassword';

export function openDatabase(settings: Config['database'], url: string): Database {
  const { passwordSecretArn } = settings;
  return createDatabase({
    ...settings,
    url,
    passwordProvider: passwordSecretArn ? secretPasswordProvider({ secretArn: passwordSecretArn }) : undefined,
  });
}
