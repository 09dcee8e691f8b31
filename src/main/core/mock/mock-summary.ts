/** How the Mocks panel sees a mock: a running server, or a file (that may not load) with its last start's failure. */
import type { MockState, MockSummary } from '../../../shared/contract/mock.contract';
import type { MockDefinition } from '../../../shared/mock-definition';
import { parseMockYaml } from './mock-file';
import type { MockServer } from './mock-server';

export interface LoadedMock {
  definition: MockDefinition | null;
  /** Why the file does not load (naming the file and the field). */
  error: string | null;
}

/** Parses a mock file's text without throwing. */
export function loadMockText(text: string, path: string): LoadedMock {
  try {
    return { definition: parseMockYaml(text, path), error: null };
  } catch (error) {
    return { definition: null, error: messageOf(error) };
  }
}

export function runningSummary(path: string, server: MockServer, error: string | null): MockSummary {
  const definition = server.definition();
  const address = server.address();
  return {
    path,
    name: definition.name,
    port: address?.port ?? definition.port,
    state: 'running',
    url: address ? address.url + (definition.prefix ?? '') : null,
    prefix: definition.prefix ?? '',
    routeCount: definition.routes.length,
    resourceCount: definition.resources?.length ?? 0,
    error,
  };
}

export function fileSummary(
  path: string,
  loaded: LoadedMock,
  state: Exclude<MockState, 'running'>,
  failure: string | undefined,
): MockSummary {
  const definition = loaded.definition;
  return {
    path,
    name: definition?.name ?? path.replace(/^.*\//, ''),
    port: definition?.port ?? null,
    state,
    url: null,
    prefix: definition?.prefix ?? '',
    routeCount: definition?.routes.length ?? 0,
    resourceCount: definition?.resources?.length ?? 0,
    error: failure ?? loaded.error,
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
