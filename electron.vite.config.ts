import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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
    'main/core/connections/sqlite/native-binding',
  ].map((m) => resolve(__dirname, 'src', `${m}.ts`)),
);

export default defineConfig({
  main: {
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
