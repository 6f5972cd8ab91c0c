// Item 4: a resource that declares `openapi` gets its five standard operations, per access mode.
import { Router } from 'express';
import { z } from 'zod';
import { listQuery, pageQuery } from '../../src/http/pagination';
import { storedRow } from '../../src/openapi/components';
import { buildOpenApiDocument } from '../../src/openapi/document';
import { toJsonSchema } from '../../src/openapi/jsonSchema';
import type { ResourceAccess } from '../../src/openapi/types';
import { includeQuery } from '../../src/resources/includes';
import type { ResourceModule } from '../../src/resources/resource';

const noteFields = { body: z.string().min(1).max(500), pinned: z.boolean().default(false) };
const createNote = z.strictObject(noteFields);
const updateNote = z.strictObject(noteFields).partial();
const noteParams = z.object({ noteId: z.coerce.number().int().positive() });

function noteResource(access: ResourceAccess, path: string): ResourceModule {
  return {
    name: 'notes',
    path,
    createRouter: () => Router(),
    openapi: {
      schemaName: 'Note',
      access,
      item: storedRow(noteFields),
      create: createNote,
      update: updateNote,
      params: noteParams,
    },
  };
}

const build = (...resources: ResourceModule[]) => buildOpenApiDocument(resources, { title: 'test', version: '0' });

describe('resource operations in the OpenAPI document', () => {
  it('leaves out a resource that declares nothing, and keeps the rest of the document', () => {
    const doc = build({ name: 'plain', path: '/plain', createRouter: () => Router() });
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/api/plain'))).toBe(false);
    expect(doc.paths['/api/auth/signup']).toBeDefined();
  });

  it('gives an owner resource list/create/get/patch/delete under /api/users/{userId}, all secured', () => {
    const doc = build(noteResource('owner', '/users/:userId/notes'));
    const collection = doc.paths['/api/users/{userId}/notes'];
    const member = doc.paths['/api/users/{userId}/notes/{noteId}'];
    expect(Object.keys(collection ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(member ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    for (const operation of [collection?.get, collection?.post, member?.get, member?.patch, member?.delete]) {
      expect(operation?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
      expect(operation?.parameters).toContainEqual({ $ref: '#/components/parameters/UserId' });
      expect(operation?.responses).toEqual(
        expect.objectContaining({
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/NotOwner' },
          '422': { $ref: '#/components/responses/ValidationFailed' },
        }),
      );
      expect(operation?.tags).toEqual(['notes']);
    }
    expect(member?.get?.parameters).toContainEqual(
      expect.objectContaining({
        name: 'noteId',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    );
    expect(member?.get?.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(member?.delete?.responses['204']).toEqual({ description: 'Deleted.' });
  });

  it('uses the declared zod schemas for bodies, the list query and the row component', () => {
    const doc = build(noteResource('owner', '/users/:userId/notes'));
    const collection = doc.paths['/api/users/{userId}/notes'];
    expect(collection?.post?.requestBody?.content['application/json']?.schema).toEqual(
      toJsonSchema(createNote, 'input'),
    );
    expect(
      doc.paths['/api/users/{userId}/notes/{noteId}']?.patch?.requestBody?.content['application/json']?.schema,
    ).toEqual(toJsonSchema(updateNote, 'input'));
    expect(
      collection?.get?.parameters?.map((parameter) => ('name' in parameter ? parameter.name : parameter.$ref)),
    ).toEqual(['#/components/parameters/UserId', ...Object.keys(pageQuery.shape)]);
    expect(collection?.post?.responses['201']).toEqual({
      description: 'Created.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } },
    });
    expect(doc.components.schemas.Note).toEqual(
      expect.objectContaining({
        required: expect.arrayContaining(['id', 'user_id', 'body', 'pinned', 'created_at', 'updated_at']),
      }),
    );
    expect(doc.tags.map((tag) => tag.name)).toContain('notes');
  });

  it('puts an admin resource under /api/admin with the admin 403', () => {
    const doc = build(noteResource('admin', '/admin/notes'));
    const list = doc.paths['/api/admin/notes']?.get;
    expect(list?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(list?.responses['403']).toEqual({ $ref: '#/components/responses/NotAdmin' });
    expect(list?.parameters).not.toContainEqual({ $ref: '#/components/parameters/UserId' });
  });

  it('leaves the reads of a public-read resource open and secures its writes', () => {
    const doc = build(noteResource('public-read', '/notes'));
    const collection = doc.paths['/api/notes'];
    const member = doc.paths['/api/notes/{noteId}'];
    expect(collection?.get?.security).toBeUndefined();
    expect(member?.get?.security).toBeUndefined();
    expect(collection?.get?.responses['401']).toBeUndefined();
    for (const write of [collection?.post, member?.patch, member?.delete]) {
      expect(write?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
      expect(write?.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
      expect(write?.responses['403']).toBeUndefined();
    }
  });

  it("declares a nested resource's parent path parameter and its 404 on every operation", () => {
    const parentParams = z.object({ postId: z.coerce.number().int().positive() });
    const nested = noteResource('public-read', '/posts/:postId/notes');
    if (!nested.openapi) throw new Error('noteResource declares openapi');
    nested.openapi = { ...nested.openapi, params: parentParams.extend(noteParams.shape), parentParams };
    const doc = build(nested);
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/posts'))).toEqual([
      '/api/posts/{postId}/notes',
      '/api/posts/{postId}/notes/{noteId}',
    ]);
    const collection = doc.paths['/api/posts/{postId}/notes'];
    const member = doc.paths['/api/posts/{postId}/notes/{noteId}'];
    const paths = (operation: { parameters?: unknown[] } | undefined) =>
      (operation?.parameters ?? [])
        .filter((parameter): parameter is { in: string; name: string } => (parameter as { in?: string }).in === 'path')
        .map((parameter) => parameter.name);
    expect(paths(collection?.get)).toEqual(['postId']);
    expect(paths(collection?.post)).toEqual(['postId']);
    for (const operation of [member?.get, member?.patch, member?.delete]) {
      expect(paths(operation)).toEqual(['postId', 'noteId']);
    }
    for (const operation of [collection?.get, collection?.post, member?.get, member?.patch, member?.delete]) {
      expect(operation?.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    }
  });

  it('declares ?include= on the list and the item read, and the embedded parent as an optional, nullable property', () => {
    const include = includeQuery(['post', 'tag']);
    const resource = noteResource('public-read', '/notes');
    if (!resource.openapi) throw new Error('noteResource declares openapi');
    const postRow = storedRow({ title: z.string() });
    resource.openapi = {
      ...resource.openapi,
      item: storedRow(noteFields).extend({ post: postRow.nullable().optional() }),
      query: listQuery().extend({ include }),
      itemQuery: z.strictObject({ include }),
    };
    const doc = build(resource);
    const includeOf = (operation: { parameters?: unknown[] } | undefined) =>
      (operation?.parameters ?? []).find((parameter) => (parameter as { name?: string }).name === 'include') as
        { in: string; required: boolean; schema: { type: string; pattern: string; description: string } } | undefined;
    for (const operation of [doc.paths['/api/notes']?.get, doc.paths['/api/notes/{noteId}']?.get]) {
      const parameter = includeOf(operation);
      expect(parameter).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } });
      expect(new RegExp(parameter?.schema.pattern ?? '^$').test('post,tag')).toBe(true);
      expect(new RegExp(parameter?.schema.pattern ?? '^$').test('post,user')).toBe(false);
      expect(parameter?.schema.description).toContain('post, tag');
    }
    expect(includeOf(doc.paths['/api/notes/{noteId}']?.patch)).toBeUndefined();
    const note = doc.components.schemas.Note as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(note.properties)).toContain('post');
    expect(note.required).not.toContain('post');
  });

  it('parses ?include= into a list of names, and refuses any other name', () => {
    const include = z.strictObject({ include: includeQuery(['post', 'tag']) });
    expect(include.parse({ include: 'tag,post,tag' })).toEqual({ include: ['tag', 'post'] });
    expect(include.parse({})).toEqual({});
    for (const value of ['user', 'post,', 'post,,tag', '', 'POST']) {
      const result = include.safeParse({ include: value });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['include']);
    }
  });
});
