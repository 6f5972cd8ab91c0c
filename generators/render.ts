// Renders the Handlebars templates in templates/ with an isolated instance, so plop and tests render identically.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

export const TEMPLATES_DIR = path.resolve(__dirname, '..', 'templates');

const handlebars = Handlebars.create();
handlebars.registerHelper('join', (items: unknown) => (Array.isArray(items) ? items.join(', ') : ''));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders templates/<name>; templates write TypeScript, so nothing is HTML-escaped. */
export function render(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(path.join(TEMPLATES_DIR, name), 'utf8');
    template = handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
