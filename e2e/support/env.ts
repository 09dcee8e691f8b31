/** Where the e2e browser host listens and the token it was started with (see playwright.config.ts). */
export const E2E_PORT = Number(process.env.BACKBENCH_E2E_PORT ?? 4791);
export const E2E_TOKEN = process.env.BACKBENCH_E2E_TOKEN ?? 'e2e-token-0123456789abcdef0123456789abcdef';
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The local test servers (the same defaults as the core tests, see TOOLCHAIN.md). */
export const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
