/**
 * Generates the API's OpenAPI document from every route's zod schemas into
 * `functions/openapi/openapi-document.json`, which the OpenAPI function embeds and serves (no function
 * converts schemas at run time). `npm run build` (and so `npm pack`) refreshes it; a test fails when
 * the committed file differs from what the routes produce.
 *
 * Run: `npm run build:openapi`.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isEntryPoint } from '../cli/entry-point';
import type { AnalysisDependencies } from '../functions/analysis/analysis-composition';
import type { ApiDependencies } from '../functions/api/api-composition';
import { documentedRoutes } from '../functions/openapi/documented-routes';
import { API_INFO } from '../functions/openapi/openapi-route';
import { PROJECT_ROOT } from '../infra/package-root';
import { openApiDocument } from '../shared/runtime/http/openapi';

/** The generated document, as committed and shipped in the package. */
export const OPENAPI_DOCUMENT_FILE = path.join(PROJECT_ROOT, 'functions', 'openapi', 'openapi-document.json');

/** Indentation of the committed file (reviewable diffs; the bundle minifies it). */
const JSON_INDENT = 2;

/** The document of every route of API v1 (as deployed: the local platform's outbox route is not in it). */
export function generateOpenApiDocument(): Record<string, unknown> {
  // Building the document reads the routes' declarations only; no handler runs.
  const declarationsOnly = { authMode: 'api_keys' } as unknown as ApiDependencies & AnalysisDependencies;
  return openApiDocument(documentedRoutes(declarationsOnly), API_INFO);
}

/** The file's text for a document. */
export function openApiDocumentText(document: Record<string, unknown> = generateOpenApiDocument()): string {
  return `${JSON.stringify(document, null, JSON_INDENT)}\n`;
}

/**
 * Writes the document when the file differs from what the routes produce (atomically: a reader
 * never sees half a file).
 * @returns whether the file was written
 */
export function ensureOpenApiDocument(file: string = OPENAPI_DOCUMENT_FILE): boolean {
  const text = openApiDocumentText();
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, text);
  renameSync(staging, file);
  return true;
}

if (isEntryPoint(import.meta.url)) {
  const written = ensureOpenApiDocument();
  console.log(written ? `wrote ${path.relative(PROJECT_ROOT, OPENAPI_DOCUMENT_FILE)}` : `${path.relative(PROJECT_ROOT, OPENAPI_DOCUMENT_FILE)} is current`);
}
