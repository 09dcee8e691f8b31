import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@shared': resolve(__dirname, 'src/shared') };

/**
 * Two projects: `unit` needs nothing but Node (SQLite files included), `db` talks to the PostgreSQL and MariaDB
 * servers (`*.db.test.ts`) and checks once, up front, that both are reachable. `npm test` runs both;
 * `npx vitest run --project unit` works on a machine without the servers.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts'],
          environment: 'node',
          globalSetup: ['scripts/vitest-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // the suites create their own databases; one file at a time keeps two cores calm and timings honest
          fileParallelism: false,
        },
      },
    ],
  },
});
