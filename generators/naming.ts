// Every name a resource needs (folder, table, model, URL, variables), derived in one place with change-case and pluralize.
import { camelCase, kebabCase, noCase, pascalCase, sentenceCase, snakeCase } from 'change-case';
import pluralize from 'pluralize';

export interface WordForms {
  /** blog-post: folders, URLs. */
  kebab: string;
  /** blogPost: variables. */
  camel: string;
  /** BlogPost: models and types. */
  pascal: string;
  /** blog_post: tables and columns. */
  snake: string;
  /** Blog post: messages. */
  sentence: string;
  /** blog post: prose. */
  words: string;
  /** a or an, for prose: "an invoice", "a user". */
  article: string;
}

export interface ResourceNames {
  singular: WordForms;
  plural: WordForms;
}

/** What a user may type as a resource name: BlogPost, blog-post, blog_post, blogPost. */
export const NAME_INPUT = /^[A-Za-z][A-Za-z0-9]*([-_][A-Za-z0-9]+)*$/;

function forms(kebab: string): WordForms {
  return {
    kebab,
    camel: camelCase(kebab),
    pascal: pascalCase(kebab),
    snake: snakeCase(kebab),
    sentence: sentenceCase(kebab),
    words: noCase(kebab),
    // By the first letter: right for most English nouns ("an invoice", "a bookmark"); "a user" and "an hour" are not.
    article: /^[aeiou]/.test(kebab) && !/^u[bcdfgjklmnpqrstvwxyz][aeiou]/.test(kebab) ? 'an' : 'a',
  };
}

/** Inflects the last word only, so `blog-post` becomes `blog-posts` and `bookmarks` is read as `bookmark`. */
function inflectLast(kebab: string, inflect: (word: string) => string): string {
  const words = kebab.split('-');
  const last = words.pop() ?? '';
  return [...words, inflect(last)].join('-');
}

/** The names of a resource; `input` must match NAME_INPUT (checked by the validation module). */
export function resourceNames(input: string): ResourceNames {
  const kebab = kebabCase(input);
  const singular = inflectLast(kebab, (word) => pluralize.singular(word));
  return { singular: forms(singular), plural: forms(inflectLast(singular, (word) => pluralize.plural(word))) };
}

/** A field's column and JSON key: snake_case, so `publishedAt` and `published_at` are the same field. */
export function columnName(field: string): string {
  return snakeCase(field);
}
