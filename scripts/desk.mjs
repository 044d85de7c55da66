#!/usr/bin/env node
// `npm run desk -- <command>`: runs the TypeScript CLI directly (through tsx), after
// building the renderer when a command serves it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { ROOT, ensureRendererBuilt } from './lib/build.mjs';

const args = process.argv.slice(2);
if (args[0] === 'serve' || args[0] === 'bench') ensureRendererBuilt();

const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
  cwd: process.cwd(),
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
