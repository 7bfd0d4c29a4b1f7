// Shortens the names of the wasm's imports from wasm-bindgen's own glue ("./consent_banner_bg.js":
// `__wbg_instanceof_HtmlSelectElement_e8e746c4e56224c9` and 200 more, each with a hash that
// brotli cannot compress) to `a`, `b`, ... in the wasm and in the glue's import object alike.
// Imports from other modules (tags.js's exports) keep their names: they are real JS names. The
// closures' exports (`wasm_bindgen__convert__closures_____invoke__h<16 hex digits>`, read by the
// glue as `wasm.<name>`) become `c0`, `c1`, ... the same way.
//   node scripts/short-imports.mjs pkg/consent_banner_bg.wasm pkg/consent_banner.js
import fs from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
const GLUE = './consent_banner_bg.js';
const buf = fs.readFileSync(wasmPath);
let js = fs.readFileSync(jsPath, 'utf8');

function leb(b, p) { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return [r >>> 0, p]; }
function uleb(n) { const o = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; o.push(x); } while (n); return Buffer.from(o); }
function str(b, p) { const [n, q] = leb(b, p); return [b.toString('utf8', q, q + n), q + n]; }
function enc(s) { const b = Buffer.from(s, 'utf8'); return Buffer.concat([uleb(b.length), b]); }
function limits(b, p) { const flags = b[p++]; let x; [x, p] = leb(b, p); if (flags & 1) [x, p] = leb(b, p); return p; }
// a, b, ..., z, A, ..., Z, then two letters: never an existing key (those start with `__wb`).
function shortName(i) { const A = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'; let s = ''; do { s = A[i % 52] + s; i = Math.floor(i / 52) - 1; } while (i >= 0); return s; }

const CLOSURE = /^wasm_bindgen__convert__closures_+invoke__h[0-9a-f]{16}$/;
const exportsRenamed = new Map();
function exportSection(q, end) {
  let [count, r] = leb(buf, q); const parts = [uleb(count)];
  for (let i = 0; i < count; i++) {
    let name; [name, r] = str(buf, r); const start = r; r++; [, r] = leb(buf, r);
    if (CLOSURE.test(name)) { exportsRenamed.set(name, `c${exportsRenamed.size}`); name = exportsRenamed.get(name); }
    parts.push(enc(name), buf.subarray(start, r));
  }
  if (r !== end) throw new Error('export section: unexpected length');
  const body = Buffer.concat(parts); return Buffer.concat([Buffer.from([7]), uleb(body.length), body]);
}

if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath}: not a wasm module`);
let p = 8; const out = [buf.subarray(0, 8)]; const renamed = new Map(); let done = false;
while (p < buf.length) {
  const id = buf[p]; const [size, q] = leb(buf, p + 1); const end = q + size;
  if (id === 7) { out.push(exportSection(q, end)); p = end; continue; }
  if (id !== 2) { out.push(buf.subarray(p, end)); p = end; continue; }
  let [count, r] = leb(buf, q); const parts = [uleb(count)];
  for (let i = 0; i < count; i++) {
    let mod, name; [mod, r] = str(buf, r); [name, r] = str(buf, r);
    const start = r; const kind = buf[r++];
    if (kind === 0) [, r] = leb(buf, r); // function: type index
    else if (kind === 1) { r++; r = limits(buf, r); } // table: reftype, limits
    else if (kind === 2) r = limits(buf, r); // memory
    else if (kind === 3) r += 2; // global: valtype, mutability
    else if (kind === 4) { r++; [, r] = leb(buf, r); } // tag
    else throw new Error(`import kind ${kind}`);
    let n = name;
    if (mod === GLUE && kind === 0) { if (!renamed.has(name)) renamed.set(name, shortName(renamed.size)); n = renamed.get(name); }
    parts.push(enc(mod), enc(n), buf.subarray(start, r));
  }
  if (r !== end) throw new Error('import section: unexpected length');
  const body = Buffer.concat(parts); out.push(Buffer.from([2]), uleb(body.length), body); p = end; done = true;
}
if (!done) throw new Error(`${wasmPath}: no import section`);
// Each name is a key of the glue's import object, `name:function(` after terser, exactly once.
for (const [name, short] of renamed) {
  const parts = js.split(`${name}:`);
  if (parts.length !== 2 || js.split(name).length !== 2) throw new Error(`${jsPath}: import ${name} not found once as a key`);
  js = parts.join(`${short}:`);
}
// Each closure's export is read as a property, `.name(`, once or more.
for (const [name, short] of exportsRenamed) {
  const n = js.split(name).length - 1;
  if (n < 1 || js.split(`.${name}`).length - 1 !== n) throw new Error(`${jsPath}: export ${name} not found as a property`);
  js = js.split(`.${name}`).join(`.${short}`);
}
fs.writeFileSync(wasmPath, Buffer.concat(out));
fs.writeFileSync(jsPath, js);
console.log(`${renamed.size} imports and ${exportsRenamed.size} exports renamed`);
