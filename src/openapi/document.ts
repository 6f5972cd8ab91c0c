// Assembles the OpenAPI 3.1 document: the kit's operations plus every resource that describes itself.
import { coreParameters, coreResponses, coreSchemas, securitySchemes } from './components';
import { corePaths, coreTags, type CoreOptions } from './coreOperations';
import { withCommonProblems } from './problemResponses';
import { resourcePaths, resourceSchemas } from './resourceOperations';
import type { ResourceModule } from '../resources/resource';
import type { OpenApiDocument, Paths } from './types';

export interface DocumentInfo {
  title: string;
  version: string;
}

export function buildOpenApiDocument(
  resources: readonly ResourceModule[],
  info: DocumentInfo,
  options: CoreOptions = {},
): OpenApiDocument {
  const documented = resources.filter((resource) => resource.openapi);
  return {
    openapi: '3.1.1',
    info: {
      ...info,
      description:
        'Errors are `{"detail": "...", "code": "..."}` with a stable `code` (see each response\'s examples); ' +
        'invalid input is 422 `VALIDATION_FAILED` with a list of `{loc, msg, type}` as `detail`. ' +
        'Lists are JSON arrays paged with `?limit=&cursor=` and a `Link: <…>; rel="next"` header.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags: [
      ...coreTags(options),
      ...[...new Set(documented.map((resource) => resource.openapi?.tag ?? resource.name))].map((name) => ({ name })),
    ],
    paths: withCommonProblems(
      documented.reduce<Paths>((paths, resource) => ({ ...paths, ...resourcePaths(resource) }), corePaths(options)),
    ),
    components: {
      schemas: { ...coreSchemas(), ...resourceSchemas(documented) },
      responses: coreResponses(),
      parameters: coreParameters(),
      securitySchemes,
    },
  };
}
