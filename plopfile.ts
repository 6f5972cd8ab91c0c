// Rampart's generators: `npx plop resource`, `npx plop resource:remove`, `npx plop field` (see docs/generators.md).
import type { NodePlopAPI } from 'node-plop';
import { registerGenerators } from './generators/plopGenerators';

export default function plopfile(plop: NodePlopAPI): void {
  registerGenerators(plop, plop.getPlopfilePath(), process.stdin.isTTY === true);
}
