/**
 * Any file a mock can be served from (issue 7): a mock YAML file, an OpenAPI 3.x or Swagger 2 document (JSON or
 * YAML, told by its `openapi` or `swagger` key) or a Mockoon environment JSON (told by its shape). Read once and
 * turned into a mock definition; what an import could not carry over comes back as warnings.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../shared/errors';
import type { MockDefinition } from '../../../shared/mock-definition';
import { parseMockYaml } from './mock-file';
import { importMockoon, mockoonEnvironmentOf } from './mockoon/import-mockoon';
import { importOpenApi } from './openapi/import-openapi';

export type MockSourceKind = 'mock' | 'openapi' | 'mockoon';

export interface LoadedMockSource {
  kind: MockSourceKind;
  definition: MockDefinition;
  warnings: string[];
}

export interface MockSourceOptions {
  /** What messages call the file (default: its base name). */
  fileName?: string;
  /** OpenAPI: answer 400 to requests that miss what the document requires (importOpenApi's validateRequests). */
  validateRequests?: boolean;
}

/** Reads `file` and makes a mock of it. */
export async function loadMockSource(
  file: string,
  { fileName = basename(file), validateRequests = false }: MockSourceOptions = {},
): Promise<LoadedMockSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `${fileName}: no such file`, { file });
    throw new AppError('IO_ERROR', `${fileName}: could not be read (${(error as Error).message})`, { file });
  }
  return mockFromText(text, { fileName, root: dirname(file), validateRequests });
}

/** The mock `text` describes, whichever kind of file it is; `root` is the file's folder. */
export async function mockFromText(
  text: string,
  { fileName, root, validateRequests = false }: { fileName: string; root: string; validateRequests?: boolean },
): Promise<LoadedMockSource> {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    // not YAML (nor JSON): the mock file parser says where, with its own messages
    return { kind: 'mock', definition: parseMockYaml(text, fileName), warnings: [] };
  }
  if (typeof raw === 'object' && raw !== null && ('openapi' in raw || 'swagger' in raw)) {
    const { definition, warnings } = await importOpenApi({ text, fileName, validateRequests });
    return { kind: 'openapi', definition, warnings };
  }
  if (mockoonEnvironmentOf(raw) !== null) {
    const { definition, warnings } = importMockoon(raw, { fileName, root });
    return { kind: 'mockoon', definition, warnings };
  }
  return { kind: 'mock', definition: parseMockYaml(text, fileName), warnings: [] };
}
