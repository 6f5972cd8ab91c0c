// zod → JSON Schema (draft 2020-12) for the OpenAPI document, from the same schemas the routes validate with.
import { z } from 'zod';
import type { JsonSchema } from './types';

/**
 * Requests are described as the client sends them (`input`: before coercion, defaults not yet applied),
 * responses as the API returns them (`output`). Transforms and refinements cannot be expressed in JSON
 * Schema: they are documented by their input type, and their errors surface as 422 at run time.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** The properties of an object schema as OpenAPI parameters (path or query), one per property. */
export function toParameters(schema: z.ZodObject, location: 'path' | 'query') {
  const json = toJsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}
