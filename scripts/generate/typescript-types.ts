// TypeScript types (`paths`, `components`, `operations`, `webhooks`) for openapi-fetch, through openapi-typescript.
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import type { Json } from './openapi.js';

export async function generateTypes(doc: Json): Promise<string> {
  // rootTypes adds short aliases such as `SchemaJob` next to `components['schemas']['Job']`.
  // defaultNonNullable off: a field with a server-side default stays optional for callers (e.g. `identity_type`).
  const ast = await openapiTS(structuredClone(doc) as unknown as OpenAPI3, {
    silent: true,
    rootTypes: true,
    defaultNonNullable: false,
  });
  return astToString(ast);
}
