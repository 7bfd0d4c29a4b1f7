#!/usr/bin/env node
// consent-banner-check: the Rust validator and linter (`cargo run --bin check`) compiled to
// wasm32-wasip1 and run by Node's WASI, so that its messages and exit codes are the same ones:
//   npx consent-banner-check consent.json [more.json …] [--html 'site/**/*.html' …]
// 0: valid, no rule broken (warnings allowed), every gate names something; 1: errors; 2: usage
// or a file that cannot be read.
import { readFile } from 'node:fs/promises';
import process from 'node:process';

// Node 20 and 22 flag WASI as experimental on every run: that line is noise to a site's CI.
const emit = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('WASI')) return;
  emit.call(process, warning, ...rest);
};
const { WASI } = await import('node:wasi');

const wasi = new WASI({
  version: 'preview1',
  args: ['check', ...process.argv.slice(2)],
  // The program changes to PWD first (src/bin/check.rs): relative paths are the shell's.
  env: { PWD: process.cwd() },
  preopens: { '/': '/' },
  returnOnExit: true,
});
const bytes = await readFile(new URL('./consent-banner-check.wasm', import.meta.url));
const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes), wasi.getImportObject());
process.exitCode = wasi.start(instance);
