/**
 * One entry for "Import…": recognises what a file (or pasted text) is — a Postman collection or environment, an
 * OpenAPI/Swagger document, a HAR capture, an Insomnia v5 export or a cURL command — and runs its importer.
 * INVALID_INPUT names the file when it is none of them.
 */
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../../shared/errors';
import type { EnvironmentFile, HttpRequestFile } from '../../../../shared/http-request';
import { importCurl } from './curl-import';
import { importHar } from './har-import';
import { absoluteFileWarnings, type ImportedCollection } from './imported-collection';
import { importInsomnia } from './insomnia-import';
import { importOpenApiCollection } from './openapi-import';
import { importPostmanCollection, importPostmanEnvironment } from './postman-import';

export type ImportFormat = 'postman' | 'postman-environment' | 'openapi' | 'har' | 'insomnia' | 'curl';

export type ImportedFile =
  | {
      kind: 'collection';
      format: Exclude<ImportFormat, 'postman-environment' | 'curl'>;
      collection: ImportedCollection;
      warnings: string[];
    }
  | { kind: 'environment'; format: 'postman-environment'; environment: EnvironmentFile; warnings: string[] }
  | { kind: 'request'; format: 'curl'; request: HttpRequestFile; warnings: string[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Which importer reads `text`, or null. */
export function detectFormat(text: string): ImportFormat | null {
  const trimmed = text.trimStart();
  if (/^curl(\s|$)/.test(trimmed)) return 'curl';
  let document: unknown;
  try {
    document = trimmed.startsWith('{') ? JSON.parse(trimmed) : parseYaml(trimmed, { maxAliasCount: 100 });
  } catch {
    return null;
  }
  if (!isObject(document)) return null;
  if (typeof document.openapi === 'string' || typeof document.swagger === 'string') return 'openapi';
  if (typeof document.type === 'string' && document.type.startsWith('collection.insomnia.rest/')) return 'insomnia';
  if (isObject(document.log) && Array.isArray(document.log.entries)) return 'har';
  const root = isObject(document.collection) ? document.collection : document;
  if (isObject(root.info) && (Array.isArray(root.item) || typeof root.info.schema === 'string')) return 'postman';
  const environment = isObject(document.environment) ? document.environment : document;
  if (Array.isArray(environment.values) && typeof environment.name === 'string') return 'postman-environment';
  return null;
}

export async function importFile({ text, fileName }: { text: string; fileName: string }): Promise<ImportedFile> {
  const imported = await importByFormat(text, fileName);
  // the sender reads body files only inside the workspace
  if (imported.kind === 'collection') imported.warnings.push(...absoluteFileWarnings(imported.collection.items));
  if (imported.kind === 'request') {
    imported.warnings.push(...absoluteFileWarnings([{ kind: 'request', request: imported.request }]));
  }
  return imported;
}

async function importByFormat(text: string, fileName: string): Promise<ImportedFile> {
  const format = detectFormat(text);
  switch (format) {
    case 'curl':
      return { kind: 'request', format, request: importCurl(text), warnings: [] };
    case 'postman-environment':
      return { kind: 'environment', format, environment: importPostmanEnvironment(text), warnings: [] };
    case 'postman': {
      const { value, warnings } = importPostmanCollection(text);
      return { kind: 'collection', format, collection: value, warnings };
    }
    case 'openapi': {
      const { value, warnings } = await importOpenApiCollection(text, fileName);
      return { kind: 'collection', format, collection: value, warnings };
    }
    case 'har': {
      const { value, warnings } = importHar(text);
      return { kind: 'collection', format, collection: value, warnings };
    }
    case 'insomnia': {
      const { value, warnings } = importInsomnia(text);
      return { kind: 'collection', format, collection: value, warnings };
    }
    case null:
      throw new AppError(
        'INVALID_INPUT',
        `${fileName}: not a Postman collection or environment, OpenAPI/Swagger document, HAR file, Insomnia v5 export or cURL command`,
        { file: fileName },
      );
  }
}
