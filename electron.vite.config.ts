import { resolve } from 'node:path';
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
  ].map((m) => resolve(__dirname, 'src', `${m}.ts`)),
);

/**
 * pg loads node:crypto and WebCrypto (~4 ms) when it loads, although only a server asking for an MD5 or SCRAM
 * password uses them: pg's modules that import its crypto helpers get a stand-in that loads them on first use
 * (a trust or no-password `backbench query` never does).
 */
function pgCryptoOnDemand(): Plugin {
  const PREFIX = '\0on-demand:';
  const CRYPTO = resolve(__dirname, 'node_modules/pg/lib/crypto');
  /** importer → the specifier it loads pg's crypto helpers (crypto/utils.js) with */
  const IMPORTS = new Map([
    [resolve(__dirname, 'node_modules/pg/lib/client.js'), './crypto/utils'],
    [resolve(CRYPTO, 'sasl.js'), './utils'],
  ]);
  return {
    name: 'pg-crypto-on-demand',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined || IMPORTS.get(importer) !== source) return null;
      return `${PREFIX}${resolve(CRYPTO, 'utils.js')}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const target = JSON.stringify(id.slice(PREFIX.length));
      return [
        'let loaded;',
        `const load = () => (loaded ??= require(${target}));`,
        'module.exports = new Proxy({}, { get: (_, key) => load()[key] });',
      ].join('\n');
    },
  };
}

export default defineConfig({
  main: {
    plugins: [pgCryptoOnDemand()],
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
