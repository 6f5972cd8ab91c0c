// Lets plain `npx plop` load plopfile.ts: plop finds this file first and imports the TypeScript through tsx.
import { tsImport } from 'tsx/esm/api';

const { default: plopfile } = await tsImport('./plopfile.ts', import.meta.url);

export default plopfile.default ?? plopfile;
