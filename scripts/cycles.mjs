#!/usr/bin/env node
// `make lint`: no module cycles, over Rust `use` paths (each crate: the root crate, records/,
// audit/) and JavaScript imports (src/browser/*.js, www/consent-banner.js). A Rust module is a
// file (src/core/config/read.rs is core::config::read, mod.rs its folder's module); an edge is a
// `use crate::…`, `use super::…` or `crate::…`/`super::…` path in its code, to the longest module
// the path names. Children may use their parent's items and the reverse: a module and its own
// submodules count as one for the cycle check (`mod.rs` re-exports are not a design cycle).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

function files(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out;
}

/** The module path of a Rust file under a crate's src/. */
function modulePath(src, file) {
  let rel = relative(src, file).replace(/\.rs$/, '').split('/');
  if (rel[0] === 'bin') return null; // binaries are leaves: nothing imports them
  if (rel.at(-1) === 'mod') rel = rel.slice(0, -1);
  if (rel.length === 1 && (rel[0] === 'lib' || rel[0] === 'main')) rel = [];
  return rel;
}

/** Strips comments and string literals (roughly), so that paths in them do not count. */
function code(text) {
  return text.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
}

function rustGraph(crateDir) {
  const src = join(ROOT, crateDir, 'src');
  if (!existsSync(src)) return new Map();
  const mods = new Map();
  for (const f of files(src, '.rs')) {
    const m = modulePath(src, f);
    if (m) mods.set(m.join('::'), f);
  }
  const graph = new Map();
  for (const [name, file] of mods) {
    const self = name ? name.split('::') : [];
    const deps = new Set();
    const text = code(readFileSync(file, 'utf8'));
    // Paths after `crate::` or `super::` (use lists expanded one level: `use crate::core::{a, b}`).
    const re = /\b(crate|super)((?:::(?:super|[a-z_][a-z0-9_]*))+)(::\{([^}]*)\})?/g;
    for (const m of text.matchAll(re)) {
      let base = m[1] === 'crate' ? [] : self.slice(0, file.endsWith('mod.rs') || !name ? self.length - 1 : self.length - 1);
      const parts = m[2].split('::').filter(Boolean);
      for (const p of parts) base = p === 'super' ? base.slice(0, -1) : [...base, p];
      const targets = m[4] ? m[4].split(',').map((s) => [...base, s.trim().split('::')[0]]) : [base];
      for (let t of targets) {
        while (t.length && !mods.has(t.join('::'))) t = t.slice(0, -1);
        const target = t.join('::');
        if (target !== name && mods.has(target)) deps.add(target);
      }
    }
    graph.set(name, deps);
  }
  return graph;
}

function jsGraph(list) {
  const graph = new Map();
  for (const rel of list) {
    const file = join(ROOT, rel);
    const text = readFileSync(file, 'utf8');
    const deps = new Set();
    for (const m of text.matchAll(/\bimport\s*(?:[^'"();]*?\bfrom\s*)?\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = relative(ROOT, resolve(dirname(file), m[1]));
      if (list.includes(target)) deps.add(target);
    }
    graph.set(rel, deps);
  }
  return graph;
}

/** A module and its submodules are one node: `a::b` folds into `a` when `a` is an ancestor. */
function collapse(graph, fold) {
  const out = new Map();
  for (const [from, deps] of graph) {
    const f = fold(from);
    if (!out.has(f)) out.set(f, new Set());
    for (const d of deps) {
      const t = fold(d);
      if (t !== f) out.get(f).add(t);
    }
  }
  return out;
}

/** Every cycle's first occurrence (depth-first), as a list of nodes. */
function cycles(graph) {
  const found = [];
  const state = new Map();
  const stack = [];
  function visit(n) {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 1) found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  }
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

let bad = 0;
for (const crate of ['.', 'records', 'audit']) {
  const graph = rustGraph(crate);
  // Siblings in one folder are the unit checked: a file's submodules fold into it.
  const depth = (n) => (n === '' ? 0 : n.split('::').length);
  for (const level of [1, 2, 3]) {
    const folded = collapse(graph, (n) => n.split('::').slice(0, level).join('::'));
    for (const c of cycles(folded)) {
      if (c.some((n) => depth(n) < level && level > 1 && false)) continue;
      console.error(`module cycle in ${crate === '.' ? 'the crate' : crate}: ${c.map((n) => n || 'crate').join(' -> ')}`);
      bad++;
    }
  }
}
const js = ['www/consent-banner.js', ...readdirSync(join(ROOT, 'src/browser')).filter((f) => f.endsWith('.js')).map((f) => `src/browser/${f}`)];
for (const c of cycles(jsGraph(js))) {
  console.error(`import cycle: ${c.join(' -> ')}`);
  bad++;
}
if (bad) process.exit(1);
console.log('no module cycles (Rust use paths of 3 crates, JavaScript imports)');
