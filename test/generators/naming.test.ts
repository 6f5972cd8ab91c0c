// Checklist: every accepted spelling of a name gives the same folder, table, model, URL and variables.
import { resourceNames } from '../../generators/naming';

describe('resource names', () => {
  it.each(['blog-post', 'BlogPost', 'blogPost', 'blog_post', 'blog-posts'])('reads %s as blog-post', (input) => {
    expect(resourceNames(input)).toEqual({
      singular: {
        kebab: 'blog-post',
        camel: 'blogPost',
        pascal: 'BlogPost',
        snake: 'blog_post',
        sentence: 'Blog post',
        words: 'blog post',
        article: 'a',
      },
      plural: {
        kebab: 'blog-posts',
        camel: 'blogPosts',
        pascal: 'BlogPosts',
        snake: 'blog_posts',
        sentence: 'Blog posts',
        words: 'blog posts',
        article: 'a',
      },
    });
  });

  it.each([
    ['bookmark', 'bookmarks'],
    ['person', 'people'],
    ['status', 'statuses'],
    ['category', 'categories'],
    ['api-key', 'api-keys'],
  ])('pluralises %s as %s', (input, plural) => {
    expect(resourceNames(input).plural.kebab).toBe(plural);
  });

  it.each([
    ['invoice', 'an'],
    ['order', 'an'],
    ['bookmark', 'a'],
    ['user-group', 'a'],
    ['umbrella', 'an'],
    ['outage', 'an'],
  ])('writes "%s" with the article "%s"', (input, article) => {
    expect(resourceNames(input).singular.article).toBe(article);
  });
});
