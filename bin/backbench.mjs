#!/usr/bin/env node
// The `backbench` command: builds the app when needed, then runs the CLI from out/main/cli.js.
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, repoRoot } from '../scripts/ensure-built.mjs';

// Node 22.1+ keeps the compiled code of our modules and the drivers between runs, a good part of a short
// command's start; older Node has no such cache and skips this
module.enableCompileCache?.();
if (!ensureBuilt()) process.exit(1);
const cli = await import(pathToFileURL(join(repoRoot, 'out', 'main', 'cli.js')).href);
await cli.main(process.argv.slice(2));
