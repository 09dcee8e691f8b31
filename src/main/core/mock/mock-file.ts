/**
 * Mock files: one YAML file per mock, read with a message that names the file and the bad field
 * (`shop.yaml: routes[2].responses[0].status: expected an integer 100–599`), written back with a fixed key
 * order and nothing volatile, so that load → save gives the same text and diffs stay small.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import {
  MockDefinitionSchema,
  type Latency,
  type MockDefinition,
  type MockProxy,
} from '../../../shared/mock-definition';

/** One problem in a mock file: where (`routes[0].path`, '' for the whole file) and what. */
export interface MockFileIssue {
  path: string;
  message: string;
}

/**
 * Parses and validates a mock's YAML text. `fileName` is what messages call the file. Throws INVALID_INPUT
 * naming the file and the first problems (details.issues lists them all).
 */
export function parseMockYaml(text: string, fileName: string): MockDefinition {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const place = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { path: '', message: place ? `line ${place.line}, column ${place.col}: ${message}` : message };
    });
    throw invalid(fileName, issues);
  }
  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  const parsed = MockDefinitionSchema.safeParse(raw);
  if (!parsed.success) throw invalid(fileName, describeIssues(parsed.error.issues, raw));
  return parsed.data;
}

/** Reads a mock file; `fileName` defaults to the file's base name. */
export async function loadMockFile(file: string, fileName = basename(file)): Promise<MockDefinition> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `${fileName}: no such file`, { file });
    throw new AppError('IO_ERROR', `${fileName}: could not be read (${(error as Error).message})`, { file });
  }
  return parseMockYaml(text, fileName);
}

/** The YAML text of a mock, keys in a fixed order, fields the mock does not set left out. */
export function stringifyMock(definition: MockDefinition): string {
  return stringify(orderMock(definition), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Writes a mock atomically (temp file + rename), so a watcher or a crash never sees half a file. */
export async function saveMockFile(file: string, definition: MockDefinition): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, stringifyMock(definition), 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new AppError('IO_ERROR', `${basename(file)}: could not be written (${(error as Error).message})`, { file });
  }
}

function invalid(fileName: string, issues: MockFileIssue[]): AppError {
  const shown = issues
    .slice(0, 3)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new AppError('INVALID_INPUT', `${fileName}: ${shown}${more}`, { file: fileName, issues });
}

function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): MockFileIssue[] {
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

const MOCK_KEYS = [
  'name',
  'port',
  'host',
  'prefix',
  'https',
  'cors',
  'caseSensitive',
  'latency',
  'routes',
  'resources',
  'proxy',
] as const;
const PROXY_KEYS = ['target', 'removePrefix', 'record', 'headers'] as const;
const RESOURCE_KEYS = ['path', 'connection', 'schema', 'table', 'readOnly'] as const;
const ROUTE_KEYS = ['method', 'path', 'responseMode', 'responses'] as const;
const RESPONSE_KEYS = [
  'status',
  'default',
  'rulesOperator',
  'rules',
  'latency',
  'fault',
  'headers',
  'bodyFile',
  'templating',
  'body',
] as const;
const RULE_KEYS = ['target', 'name', 'path', 'not', 'op', 'value'] as const;
const FAULT_KEYS = ['type', 'rate', 'status'] as const;

function pick<T extends object>(source: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) ordered[key as string] = source[key];
  return ordered;
}

function orderLatency(latency: Latency): Latency {
  return typeof latency === 'number' ? latency : { min: latency.min, max: latency.max };
}

function orderMock(definition: MockDefinition): Record<string, unknown> {
  return {
    ...pick(definition, MOCK_KEYS),
    ...(definition.latency !== undefined ? { latency: orderLatency(definition.latency) } : {}),
    routes: definition.routes.map((route) => ({
      ...pick(route, ROUTE_KEYS),
      responses: route.responses.map((response) => {
        const ordered = pick(response, RESPONSE_KEYS);
        if (response.rules) ordered.rules = response.rules.map((rule) => pick(rule, RULE_KEYS));
        if (response.latency !== undefined) ordered.latency = orderLatency(response.latency);
        if (response.fault) ordered.fault = pick(response.fault, FAULT_KEYS);
        if (response.headers) {
          // header names sorted: the order HTTP gives them no meaning, and a sorted list diffs cleanly
          ordered.headers = Object.fromEntries(Object.entries(response.headers).sort(([a], [b]) => a.localeCompare(b)));
        }
        return ordered;
      }),
    })),
    ...(definition.resources ? { resources: definition.resources.map((r) => pick(r, RESOURCE_KEYS)) } : {}),
    ...(definition.proxy ? { proxy: orderProxy(definition.proxy) } : {}),
  };
}

function orderProxy(proxy: MockProxy): Record<string, unknown> {
  const ordered = pick(proxy, PROXY_KEYS);
  if (proxy.headers) {
    ordered.headers = Object.fromEntries(Object.entries(proxy.headers).sort(([a], [b]) => a.localeCompare(b)));
  }
  return ordered;
}
