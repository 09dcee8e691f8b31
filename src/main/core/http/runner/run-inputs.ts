/**
 * The files a run takes besides its collection: an environment (a Backbench environment YAML or a Postman
 * environment JSON) and a data file (CSV with a header row, or a JSON array of objects) whose rows become one
 * iteration each, their columns variables of that iteration.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../../../shared/errors';
import type { EnvironmentFile } from '../../../../shared/http-request';
import { parseEnvironmentYaml } from '../collections/http-yaml';

export type DataRow = Record<string, string>;

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `There is no ${what} file ${file}.`, { file });
    if (code === 'EISDIR')
      throw new AppError('INVALID_INPUT', `The ${what} ${file} is a folder, not a file.`, { file });
    throw new AppError('IO_ERROR', `The ${what} file ${file} could not be read: ${(error as Error).message}`, { file });
  }
}

/** An environment file: Postman's JSON (`values`) or Backbench's YAML (`name`, `variables`). */
export async function loadEnvironmentFile(file: string): Promise<EnvironmentFile> {
  const text = await readText(file, 'environment');
  if (text.trimStart().startsWith('{')) {
    // loaded here: postman-collection is big, and a YAML environment needs none of it
    const { importPostmanEnvironment } = await import('../import/postman-import');
    try {
      return importPostmanEnvironment(text);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `${file}: ${(error as Error).message}`, { file });
    }
  }
  return parseEnvironmentYaml(text, basename(file));
}

/** Rows of a CSV (header row first) or JSON (an array of objects) data file, values as text. */
export async function loadDataFile(file: string): Promise<DataRow[]> {
  const text = await readText(file, 'data');
  return parseDataText(text, file);
}

/** Rows of a data file's text, CSV or JSON by the file name's extension (`.json`, else CSV); `file` names it in errors. */
export function parseDataText(text: string, file: string): DataRow[] {
  const kind = extname(file).toLowerCase();
  const rows = kind === '.json' ? jsonRows(text, file) : csvRows(text, file);
  if (rows.length === 0) throw new AppError('INVALID_INPUT', `The data file ${file} has no rows.`, { file });
  return rows;
}

function csvRows(text: string, file: string): DataRow[] {
  try {
    return parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, trim: false }) as DataRow[];
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The data file ${file} is not valid CSV: ${(error as Error).message}`, {
      file,
    });
  }
}

function jsonRows(text: string, file: string): DataRow[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The data file ${file} is not JSON: ${(error as Error).message}`, { file });
  }
  if (!Array.isArray(document)) {
    throw new AppError(
      'INVALID_INPUT',
      `The data file ${file} must hold a JSON array of objects (one per iteration).`,
      {
        file,
      },
    );
  }
  return document.map((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new AppError('INVALID_INPUT', `The data file ${file}: row ${index + 1} is not an object.`, { file, index });
    }
    const out: DataRow = {};
    for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
      if (value === undefined) continue;
      out[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return out;
  });
}
