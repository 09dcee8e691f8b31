#!/usr/bin/env node
// The `backbench` command: builds the app when needed, then runs the CLI from out/main/cli.js.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, repoRoot } from '../scripts/ensure-built.mjs';

// `query`, `serve`, `import` and `export` run only out/main: the web app's sources need no look (a third of
// the check, on every run)
if (!ensureBuilt({ mainOnly: ['query', 'serve', 'import', 'export'].includes(process.argv[2]) })) process.exit(1);
const cli = await import(pathToFileURL(join(repoRoot, 'out', 'main', 'cli.js')).href);
await cli.main(process.argv.slice(2));
