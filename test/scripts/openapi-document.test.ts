import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT_FILE, openApiDocumentText } from '../../scripts/openapi-document';

describe('the OpenAPI document generated at build time', () => {
  it('is the committed file, byte for byte: a route schema changed without `npm run build:openapi` fails here', () => {
    expect(readFileSync(OPENAPI_DOCUMENT_FILE, 'utf8'), 'functions/openapi/openapi-document.json is stale: run npm run build:openapi').toBe(openApiDocumentText());
  });

  it('fails the comparison when a route schema drifts from the file', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_DOCUMENT_FILE, 'utf8')) as { paths: Record<string, unknown> };
    const drifted = { ...committed, paths: { ...committed.paths, '/v1/experiments/{id}/results': {} } };
    expect(openApiDocumentText(drifted)).not.toBe(openApiDocumentText());
  });
});
