import { dirname, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const shared = resolve(__dirname, 'src/shared');

/**
 * What every `backbench query` loads, put in one chunk rather than ten: each module file adds ~1 ms to a
 * Node start (bench:cli). Only modules without heavy imports belong here; drivers stay in their own chunks.
 */
const CLI_QUERY_MODULES = new Set(
  [
    'shared/errors',
    'shared/sql/split-statements',
    'main/cli/cli-io',
    'main/cli/run-cli',
    'main/cli/query-command',
    'main/cli/format-output',
    'main/cli/open-query-session',
    'main/cli/resolve-target',
    'main/core/data-dir',
    'main/core/query/value-encoding',
    'main/core/schema/group-by',
    'main/core/connections/parse-url',
    'main/core/connections/map-driver-error',
    'main/core/connections/ssl-fallback',
    'main/core/connections/cursor-gate',
    'main/core/connections/settle-wait',
    'main/core/connections/sql-dialect',
    'main/core/connections/statement-command',
    'main/core/connections/transactions',
    'main/core/connections/sqlite/native-binding',
    'main/core/connections/postgres/ssl-request',
  ].map((m) => resolve(__dirname, 'src', `${m}.ts`)),
);

/**
 * Modules the drivers load when they load, although only some connections use them, each as
 * [the driver's file, the module it asks for]: node:crypto and WebCrypto (password hashing: only a server that
 * asks for a password), node:tls (only TLS connections), iconv-lite (only text in charsets other than UTF-8),
 * long (only 64-bit integers), mysql2's table of error names (188 KB; only errors). Together ~15 ms of every
 * `backbench query` (bench:cli).
 */
const ON_DEMAND: readonly [string, string][] = [
  ['pg/lib/client.js', './crypto/utils'],
  ['pg/lib/crypto/sasl.js', './utils'],
  ['mysql2/lib/base/connection.js', 'tls'],
  ['mysql2/lib/auth_plugins/sha256_password.js', 'tls'],
  ['mysql2/lib/auth_plugins/sha256_password.js', 'crypto'],
  ['mysql2/lib/auth_plugins/caching_sha2_password.js', 'crypto'],
  ['mysql2/lib/auth_41.js', 'crypto'],
  ['mysql2/lib/parsers/string.js', 'iconv-lite'],
  ['mysql2/lib/packets/packet.js', 'long'],
  ['mysql2/lib/packets/packet.js', '../constants/errors.js'],
  ['mysql2/lib/base/pool.js', '../constants/errors.js'],
  ['mysql2/lib/commands/server_handshake.js', '../constants/errors.js'],
];

/**
 * The driver's file gets a stand-in for each module above that loads the module on first use (a property
 * read, a call or `new`), so a connection that never uses it never pays for loading it. The driver's
 * `require('…')` is rewritten (a build error where it is no longer found) rather than resolved, since Node's
 * own modules never reach a resolve hook.
 */
function driverModulesOnDemand(): Plugin {
  const PREFIX = 'on-demand:';
  const byFile = new Map<string, string[]>();
  for (const [file, source] of ON_DEMAND) {
    const path = resolve(__dirname, 'node_modules', file);
    byFile.set(path, [...(byFile.get(path) ?? []), source]);
  }
  return {
    name: 'driver-modules-on-demand',
    enforce: 'pre',
    transform(code, id) {
      const sources = byFile.get(id);
      if (!sources) return null;
      let out = code;
      for (const source of sources) {
        const call = `require('${source}')`;
        if (!out.includes(call)) throw new Error(`${id} no longer has ${call}: update ON_DEMAND`);
        // a relative module by its full path, as the stand-in lives elsewhere
        const target = source.startsWith('.')
          ? resolve(dirname(id), source.endsWith('.js') ? source : `${source}.js`)
          : source;
        out = out.replaceAll(call, `require(${JSON.stringify(PREFIX + target)})`);
      }
      return { code: out, map: null };
    },
    resolveId(source) {
      return source.startsWith(PREFIX) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const target = JSON.stringify(id.slice(PREFIX.length + 1));
      return [
        'let loaded;',
        `const load = () => (loaded ??= require(${target}));`,
        'module.exports = new Proxy(function () {}, {',
        '  get: (_, key) => load()[key],',
        '  apply: (_, self, args) => Reflect.apply(load(), self, args),',
        '  construct: (_, args) => Reflect.construct(load(), args),',
        '});',
      ].join('\n');
    },
  };
}

export default defineConfig({
  main: {
    plugins: [driverModulesOnDemand()],
    resolve: { alias: { '@shared': shared } },
    build: {
      outDir: 'out/main',
      // bundled, not loaded from node_modules: resolving and reading their ~100 small files is most of what
      // loading them costs, and `backbench query` loads one of them on every run (see bench:cli)
      externalizeDeps: { exclude: ['pg', 'pg-cursor', 'mysql2'] },
      rolldownOptions: {
        input: {
          // the Electron main process
          index: resolve(__dirname, 'src/main/index.ts'),
          // the `backbench` command (browser host, query, …), run by plain Node
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          // SQLite runs here, off the host's main thread
          'sqlite-worker': resolve(__dirname, 'src/main/core/connections/sqlite/sqlite-worker.ts'),
          // an import's CSV/TSV parsing, in a worker thread beside the writing
          'csv-worker': resolve(__dirname, 'src/main/core/transfer/csv-worker.ts'),
        },
        output: {
          codeSplitting: { groups: [{ name: 'cli-query', test: (id) => CLI_QUERY_MODULES.has(id) }] },
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // sandboxed preloads must be CommonJS
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: { '@shared': shared, '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified by default; the browser host serves it over HTTP
      minify: true,
      chunkSizeWarningLimit: 2500,
      rolldownOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
