// The subset of OpenAPI 3.1 this kit emits, and what a resource declares to appear in the document.
import type { z } from 'zod';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) or a $ref to a component. */
export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface MediaType {
  schema: JsonSchema;
  /** Named examples; error responses carry one per catalogue entry they can answer. */
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
}

export type ResponseOrRef = Response | { $ref: string };

export interface Operation {
  tags: string[];
  summary: string;
  operationId: string;
  description?: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, ResponseOrRef>;
  /** Absent: no credentials needed; `[{ bearer: [] }, { cookie: [] }]`: a token in either place is required. */
  security?: Record<string, string[]>[];
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';
export type PathItem = Partial<Record<HttpMethod, Operation>>;
export type Paths = Record<string, PathItem>;

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description?: string };
  jsonSchemaDialect: string;
  tags: { name: string; description?: string }[];
  paths: Paths;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

/** Who may call a resource's routes; the same modes `npx plop resource --access` generates. */
export type ResourceAccess = 'owner' | 'admin' | 'public-read' | 'admin-write';

/**
 * What a resource folder declares so its five standard operations (list, create, get, update, delete)
 * appear in /api/openapi.json. The schemas are the very ones its routes validate with.
 */
export interface ResourceOpenApi {
  /** The component name of one row, e.g. `Todo`. */
  schemaName: string;
  access: ResourceAccess;
  /** One row as the API returns it (see `storedRow`). */
  item: z.ZodType;
  create: z.ZodType;
  update: z.ZodType;
  /** The item path parameters, e.g. `z.object({ todoId: ... })`; the last one names the item. */
  params: z.ZodObject;
  /** A nested resource's parent path parameters (`{ postId }` of `/posts/{postId}/comments`), on every operation. */
  parentParams?: z.ZodObject;
  /** The list query; defaults to the keyset `pageQuery`. */
  query?: z.ZodObject;
  /** The item read's query (`?include=`), when it takes one. */
  itemQuery?: z.ZodObject;
  /** Groups the operations in the docs; defaults to the resource name. */
  tag?: string;
}

/** A route-table entry that may describe itself for the document; entries without `openapi` are left out. */
