// Formats the files the rename changed with the project's own Prettier settings: a longer or shorter name moves
// line breaks, and the project's `npm run format:check` must pass from its first commit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export async function formatFiles(root: string, files: readonly string[]): Promise<void> {
  // Loaded here, not on import: prettier's CommonJS entry starts a dynamic import that jest's sandbox refuses.
  const { format, getFileInfo, resolveConfig } = await import('prettier');
  const ignoreFile = path.join(root, '.prettierignore');
  const ignorePath = existsSync(ignoreFile) ? ignoreFile : undefined;
  for (const file of files) {
    const full = path.join(root, file);
    const info = await getFileInfo(full, { ignorePath });
    if (info.ignored || !info.inferredParser) continue;
    const source = readFileSync(full, 'utf8');
    const formatted = await format(source, { ...(await resolveConfig(full)), filepath: full });
    if (formatted !== source) writeFileSync(full, formatted);
  }
}
