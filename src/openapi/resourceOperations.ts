// The five standard operations of a generated resource (list, create, get, update, delete) from its declaration.
import { pascalCase } from 'change-case';
import { pageQuery } from '../http/pagination';
import { bearerSecurity, pageLinkHeader, ref } from './components';
import { toJsonSchema, toParameters } from './jsonSchema';
import type { ResourceModule } from '../resources/resource';
import type { JsonSchema, Operation, Parameter, Paths, ResourceOpenApi, ResponseOrRef } from './types';

/** Express's `/users/:userId/todos` as OpenAPI's `/api/users/{userId}/todos`. */
export function toOpenApiPath(expressPath: string): string {
  return `/api${expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

interface Guard {
  /** Extra responses every guarded operation can give. */
  responses: Record<string, ResponseOrRef>;
  parameters: (Parameter | { $ref: string })[];
}

/** What each access mode adds to an operation that needs a signed-in caller. */
function guardFor(spec: ResourceOpenApi): Guard {
  const unauthorized = { '401': ref('responses', 'Unauthorized') };
  if (spec.access === 'owner') {
    return {
      responses: { ...unauthorized, '403': ref('responses', 'NotOwner') },
      parameters: [ref('parameters', 'UserId')],
    };
  }
  if (spec.access === 'admin' || spec.access === 'admin-write') {
    return { responses: { ...unauthorized, '403': ref('responses', 'NotAdmin') }, parameters: [] };
  }
  return { responses: unauthorized, parameters: [] };
}

/** Builds the paths of one resource, or none when it does not declare `openapi`. */
export function resourcePaths(resource: ResourceModule): Paths {
  const spec = resource.openapi;
  if (!spec) return {};
  const tag = spec.tag ?? resource.name;
  const item = ref('schemas', spec.schemaName);
  const guard = guardFor(spec);
  const readsArePublic = spec.access === 'public-read' || spec.access === 'admin-write';
  const idParameters = toParameters(spec.params, 'path');
  const parentParameters = spec.parentParams ? toParameters(spec.parentParams, 'path') : [];
  const validation = { '422': ref('responses', 'ValidationFailed') };

  /** Reads of a public-read or admin-write resource need no token; everything else is guarded. */
  const secured = (operation: Operation, isRead: boolean): Operation =>
    readsArePublic && isRead
      ? operation
      : {
          ...operation,
          security: bearerSecurity,
          parameters: [...guard.parameters, ...(operation.parameters ?? [])],
          responses: { ...operation.responses, ...guard.responses },
        };
  const operationId = (verb: string) => `${verb}${spec.schemaName}`;
  const notFound = { '404': ref('responses', 'NotFound') };
  /** A nested collection answers 404 when its parent is missing or hidden from the caller. */
  const parentNotFound = parentParameters.length > 0 ? notFound : {};
  const body = (schema: Parameters<typeof toJsonSchema>[0]) => ({
    required: true,
    content: json(toJsonSchema(schema, 'input')),
  });

  const collection = toOpenApiPath(resource.path);
  const member = `${collection}/{${idParameters[idParameters.length - 1]?.name ?? 'id'}}`;
  return {
    [collection]: {
      get: secured(
        {
          tags: [tag],
          summary: `List ${resource.name}`,
          operationId: `list${pascalCase(resource.name)}`,
          description:
            'A bare JSON array in `sort` order (id by default); follow the `Link` header for the next page. Unknown parameters answer 422.',
          parameters: [...parentParameters, ...toParameters(spec.query ?? pageQuery, 'query')],
          responses: {
            '200': { description: 'One page.', headers: pageLinkHeader, content: json({ type: 'array', items: item }) },
            ...parentNotFound,
            ...validation,
          },
        },
        true,
      ),
      post: secured(
        {
          tags: [tag],
          summary: `Create a ${spec.schemaName}`,
          operationId: operationId('create'),
          description: 'The owner is the caller, taken from the token; `id` and `user_id` in the body are refused.',
          ...(parentParameters.length > 0 ? { parameters: parentParameters } : {}),
          requestBody: body(spec.create),
          responses: { '201': { description: 'Created.', content: json(item) }, ...parentNotFound, ...validation },
        },
        false,
      ),
    },
    [member]: {
      get: secured(
        {
          tags: [tag],
          summary: `Get a ${spec.schemaName}`,
          operationId: operationId('get'),
          parameters: spec.itemQuery ? [...idParameters, ...toParameters(spec.itemQuery, 'query')] : idParameters,
          responses: { '200': { description: 'The row.', content: json(item) }, ...notFound, ...validation },
        },
        true,
      ),
      patch: secured(
        {
          tags: [tag],
          summary: `Update a ${spec.schemaName}`,
          operationId: operationId('update'),
          description: 'Only the fields given change; at least one is required.',
          parameters: idParameters,
          requestBody: body(spec.update),
          responses: { '200': { description: 'The updated row.', content: json(item) }, ...notFound, ...validation },
        },
        false,
      ),
      delete: secured(
        {
          tags: [tag],
          summary: `Delete a ${spec.schemaName}`,
          operationId: operationId('delete'),
          parameters: idParameters,
          responses: { '204': { description: 'Deleted.' }, ...notFound, ...validation },
        },
        false,
      ),
    },
  };
}

/** The component schemas resources contribute (one row each). */
export function resourceSchemas(resources: readonly ResourceModule[]): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const { openapi } of resources) {
    if (openapi) schemas[openapi.schemaName] = toJsonSchema(openapi.item, 'output');
  }
  return schemas;
}
