/**
 * Mock files: one YAML file per mock, read with a message that names the file and the bad field
 * (`shop.yaml: routes[2].responses[0].status: expected an integer 100–599`), written back with a fixed key
 * order and nothing volatile, so that load → save gives the same text and diffs stay small.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  MockDefinitionSchema,
  type Latency,
  type MockDefinition,
  type MockProxy,
} from '../../../shared/mock-definition';
import {
  parseYamlFile,
  pickKeys as pick,
  stringifyYaml,
  writeFileAtomic,
  type YamlFileIssue,
} from '../workspace/yaml-file';

export { formatPath } from '../workspace/yaml-file';

/** One problem in a mock file: where (`routes[0].path`, '' for the whole file) and what. */
export type MockFileIssue = YamlFileIssue;

/**
 * Parses and validates a mock's YAML text. `fileName` is what messages call the file. Throws INVALID_INPUT
 * naming the file and the first problems (details.issues lists them all).
 */
export function parseMockYaml(text: string, fileName: string): MockDefinition {
  return parseYamlFile(text, fileName, MockDefinitionSchema);
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
  return stringifyYaml(orderMock(definition));
}

/** Writes a mock atomically (temp file + rename), so a watcher or a crash never sees half a file. */
export async function saveMockFile(file: string, definition: MockDefinition): Promise<void> {
  await writeFileAtomic(file, stringifyMock(definition));
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
const DATA_KEYS = ['name', 'id', 'value'] as const;
const PROXY_KEYS = ['target', 'removePrefix', 'record', 'headers'] as const;
const RESOURCE_KEYS = ['path', 'connection', 'schema', 'table', 'readOnly'] as const;
const ROUTE_KEYS = ['method', 'path', 'crud', 'crudKey', 'responseMode', 'responses'] as const;
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
  'dataBucket',
  'body',
] as const;
const RULE_KEYS = ['target', 'name', 'path', 'not', 'op', 'value'] as const;
const FAULT_KEYS = ['type', 'rate', 'status'] as const;

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
    ...(definition.data ? { data: definition.data.map((bucket) => pick(bucket, DATA_KEYS)) } : {}),
  };
}

function orderProxy(proxy: MockProxy): Record<string, unknown> {
  const ordered = pick(proxy, PROXY_KEYS);
  if (proxy.headers) {
    ordered.headers = Object.fromEntries(Object.entries(proxy.headers).sort(([a], [b]) => a.localeCompare(b)));
  }
  return ordered;
}
