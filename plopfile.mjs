// Lets plain `npx plop` load plopfile.ts: plop finds this file first and imports the TypeScript through tsx.
import { progressSpinner } from 'plop';
import { tsImport } from 'tsx/esm/api';

// Without a terminal (CI logs, scripts) plop's spinner cannot redraw, so every step would leave a "- " line behind.
if (!process.stderr.isTTY) progressSpinner.start = () => progressSpinner;

const { default: plopfile } = await tsImport('./plopfile.ts', import.meta.url);

export default plopfile.default ?? plopfile;
