/**
 * Mocks made from files the user chose or uploaded, and mocks written out as OpenAPI (issue 7): the file is known
 * by its id only (the upload store or the desktop's chosen files), so no path from a caller reaches the disk.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { MockSummary } from '../../../shared/contract/mock.contract';
import { findUpload } from '../transfer/upload-store';
import { planBodyFiles, writeBodyFiles } from './import-body-files';
import { slugify } from './mock-files';
import { mockFromText } from './mock-source';
import type { MockService } from './mock-service';
import { exportOpenApi } from './openapi/export-openapi';

/**
 * A chosen or uploaded file by its id, or null when there is none. `uploaded`: the file came alone, so nothing
 * next to it (a body file) belongs to it.
 */
export type FileFinder = (fileId: string) => { path: string; name: string; uploaded?: boolean } | null;

export function uploadFinder(dataDir: string, chosen?: FileFinder): FileFinder {
  return (fileId) => {
    const found = chosen?.(fileId);
    if (found) return found;
    const upload = findUpload(dataDir, fileId);
    return upload && { ...upload, uploaded: true };
  };
}

/**
 * Reads the file, tells its kind and writes it as a new mock (named `name` when given); the body files its
 * responses name are copied next to the new mock (import-body-files.ts).
 */
export async function importMockFile(
  service: MockService,
  findFile: FileFinder,
  input: { fileId: string; name?: string },
): Promise<MockSummary & { warnings: string[] }> {
  const file = findFile(input.fileId);
  if (!file) {
    throw new AppError(
      'NOT_FOUND',
      'That file is no longer available (uploads are kept for a day); choose or upload it again.',
      { fileId: input.fileId },
    );
  }
  let text: string;
  try {
    text = await readFile(file.path, 'utf8');
  } catch (error) {
    throw new AppError('IO_ERROR', `${file.name}: could not be read (${(error as Error).message})`, {
      file: file.name,
    });
  }
  if (text.trim() === '') {
    throw new AppError('INVALID_INPUT', `${file.name}: the file is empty; choose an OpenAPI, Mockoon or mock file.`, {
      file: file.name,
    });
  }
  const loaded = await mockFromText(text, { fileName: file.name, root: dirname(file.path) });
  const name = input.name ?? loaded.definition.name;
  const planned = await planBodyFiles(loaded.definition, {
    sourceDir: file.uploaded === true ? null : dirname(file.path),
    folder: `${slugify(name)}-files`,
  });
  const summary = await service.add({ ...planned.definition, name });
  await writeBodyFiles(service.files.root, planned.copies);
  return { ...summary, warnings: [...loaded.warnings, ...planned.warnings] };
}

/** A mock's file as an OpenAPI 3.0 JSON document; INVALID_INPUT naming the field when the file does not load. */
export async function exportMockOpenApi(
  service: MockService,
  path: string,
): Promise<{ document: string; warnings: string[] }> {
  const read = await service.read(path);
  if (!read.definition) throw new AppError('INVALID_INPUT', read.error ?? `${read.path}: does not load`, { path });
  const { document, warnings } = exportOpenApi(read.definition);
  return { document: JSON.stringify(document, null, 2), warnings };
}
