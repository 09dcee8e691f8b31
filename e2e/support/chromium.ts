import { existsSync } from 'node:fs';

/** Debian's Chromium (`apt-get install -y chromium`), or BACKBENCH_CHROMIUM; Playwright's download cannot work here. */
export const CHROMIUM_PATH = process.env.BACKBENCH_CHROMIUM ?? '/usr/bin/chromium';

/** How the e2e suite and bench:grid launch Chromium: no sandbox, GPU, background traffic or first-run work. */
export const chromiumLaunchOptions = {
  executablePath: existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
};
