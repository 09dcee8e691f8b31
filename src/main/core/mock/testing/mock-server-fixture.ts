/**
 * What the mock server's HTTP tests share: a temp folder per test, servers started on a free port and stopped
 * after each test, and a stand-in for the templating module.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { BodyCompiler } from '../compile-mock';
import type { MockDefinition } from '../../../../shared/mock-definition';
import { parseMockYaml } from '../mock-file';
import { createMockServer, type MockServer, type MockServerOptions } from '../mock-server';

export interface MockServerFixture {
  /** The current test's temp folder (the mock's folder unless a test gives another root). */
  root(): string;
  /** Starts a mock from YAML text or a definition on a free port of 127.0.0.1; stopped after the test. */
  serve(
    definition: MockDefinition | string,
    options?: Partial<MockServerOptions>,
  ): Promise<{ server: MockServer; url: string }>;
}

/** Registers the hooks; call at the top of a test file. */
export function useMockServers(): MockServerFixture {
  let root = '';
  const servers: MockServer[] = [];
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bb-mockserver-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    rmSync(root, { recursive: true, force: true });
  });
  return {
    root: () => root,
    async serve(definition, options = {}) {
      const parsed = typeof definition === 'string' ? parseMockYaml(definition, 'test.yaml') : definition;
      const server = createMockServer({ definition: parsed, root: options.root ?? root, port: 0, ...options });
      servers.push(server);
      const { url } = await server.start();
      return { server, url };
    },
  };
}

/**
 * A stand-in for the templating module: `{{param id}}` → the path parameter, `{{boom}}` fails when rendered,
 * `{{count}}` counts renders in the server's global variables, `{{base}}` is the base URL, `{{unclosed` does not
 * compile.
 */
export const tinyTemplates: BodyCompiler = (source) => {
  if (source.includes('{{unclosed')) throw new Error('unclosed tag');
  return {
    render(request, state) {
      if (source.includes('{{boom}}')) throw new Error('helper boom failed');
      const count = ((state.globals.get('count') as number | undefined) ?? 0) + 1;
      if (source.includes('{{count}}')) state.globals.set('count', count);
      return source
        .replace(/\{\{param (\w+|\*)\}\}/g, (_all, name: string) => request.params[name] ?? '')
        .replace('{{count}}', String(count))
        .replace('{{base}}', state.baseUrl ?? '');
    },
  };
};
