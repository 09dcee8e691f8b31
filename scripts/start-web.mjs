#!/usr/bin/env node
// `npm run web`: build if needed, then `backbench web` with any extra arguments (npm run web -- --port 5000).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, repoRoot } from './ensure-built.mjs';

if (!ensureBuilt()) process.exit(1);
const cli = await import(pathToFileURL(join(repoRoot, 'out', 'main', 'cli.js')).href);
await cli.main(['web', ...process.argv.slice(2)]);
