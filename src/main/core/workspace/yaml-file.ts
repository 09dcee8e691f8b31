/**
 * What the workspace's YAML files share (mocks, HTTP requests, collections, environments): parsing with messages
 * that name the file and the field (`shop.yaml: routes[2].status: expected an integer`), writing with a fixed
 * key order and nothing volatile so that load → save gives the same text, and atomic writes.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

/** One problem in a YAML file: where (`routes[0].path`, '' for the whole file) and what. */
export interface YamlFileIssue {
  path: string;
  message: string;
}

/**
 * Parses YAML text and validates it with `schema`. `fileName` is what messages call the file. Throws
 * INVALID_INPUT naming the file and the first problems (details.issues lists them all).
 */
export function parseYamlFile<S extends z.ZodType>(text: string, fileName: string, schema: S): z.output<S> {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const place = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { path: '', message: place ? `line ${place.line}, column ${place.col}: ${message}` : message };
    });
    throw invalidYaml(fileName, issues);
  }
  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidYaml(fileName, describeIssues(parsed.error.issues, raw));
  return parsed.data;
}

/** YAML text of an already ordered value: no line folding, no anchors for repeated objects. */
export function stringifyYaml(ordered: unknown): string {
  return stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The keys of `source` in the order of `keys`, undefined ones left out. */
export function pickKeys<T extends object>(source: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) ordered[key as string] = source[key];
  return ordered;
}

/** Writes `text` to `file` through a temp file in the same folder and a rename, so no reader sees half a file. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new AppError('IO_ERROR', `${basename(file)}: could not be written (${(error as Error).message})`, { file });
  }
}

export function invalidYaml(fileName: string, issues: YamlFileIssue[]): AppError {
  const shown = issues
    .slice(0, 3)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new AppError('INVALID_INPUT', `${fileName}: ${shown}${more}`, { file: fileName, issues });
}

function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): YamlFileIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }));
    }
    if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(raw, issue.path) === undefined) {
      return [{ path: formatPath(issue.path), message: 'is required' }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** `['routes', 2, 'status']` → `routes[2].status`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}
