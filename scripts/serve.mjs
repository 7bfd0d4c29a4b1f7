// Demo server: static files from the repository root, the right MIME types (application/wasm
// for streaming instantiation), compressed as a production server sends them (brotli, else
// gzip), and stand-in third-party endpoints that set cookies.
// Usage: node scripts/serve.mjs [port]   (default: $PORT or 8080; binds 127.0.0.1)
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.argv[2] || process.env.PORT || 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.gif': 'image/gif', '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
};
// Text and wasm are sent compressed, as a production server (or CDN) sends them: brotli at its
// best quality when the request accepts br, else gzip -9, else as is. Each file is compressed
// once per content and encoding (keyed by a hash of its bytes, so a rebuild is picked up) and
// kept in memory; concurrent requests share one compression.
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.ts']);
const encoders = {
  br: (body) => promisify(brotliCompress)(body, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
  }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};
const compressed = new Map(); // `${encoding} ${sha256}` → Promise<Buffer>, oldest first
const COMPRESSED_MAX = 256;
function compress(body, encoding, cache) {
  if (!cache) return encoders[encoding](body);
  const key = `${encoding} ${createHash('sha256').update(body).digest('hex')}`;
  let out = compressed.get(key);
  if (!out) {
    out = encoders[encoding](body);
    out.catch(() => compressed.delete(key));
    compressed.set(key, out);
    if (compressed.size > COMPRESSED_MAX) compressed.delete(compressed.keys().next().value);
  }
  return out;
}
// The coding to send for an Accept-Encoding header: br if accepted, else gzip, else none.
function negotiate(header = '') {
  const accepted = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim().match(/^q=([\d.]+)$/)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') || ok('x-gzip') ? 'gzip' : null;
}

// A 1x1 transparent GIF.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const DAY = 86400;
// Stand-in pixels: each sets the cookies its real counterpart would, with the declared lifetimes.
const pixels = {
  '/www/tags/numberly-pixel.gif': [['nmb_uid', 180 * DAY], ['nmb_24h', 180 * DAY]],
};

// Proof-of-consent receipts posted by the component (receiptEndpoint), kept in memory so
// tests and curious visitors can read them back with GET /receipts.
const receipts = [];
// Pages served with a strict Content-Security-Policy and a fresh nonce per response: every
// `{{nonce}}` in the file is replaced by it.
const strictCsp = new Set(['/www/csp.html']);

// The consent-records service (records/), reached on this origin under /consent-records/ as a
// site serves it behind its own domain: same-origin receipts carry the consent cookie, and the
// service's Set-Cookie lines (the cookies re-issued with their full lifetime) reach the browser.
// CONSENT_RECORDS_URL is where it listens (`make demo` and the end-to-end tests start it).
const RECORDS_PREFIX = '/consent-records/';
const recordsUrl = process.env.CONSENT_RECORDS_URL ? new URL(process.env.CONSENT_RECORDS_URL) : null;
// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection: neither forwarded nor answered.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']);
const endToEnd = (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
// A request body the proxy reads whole before it forwards it (the service's limit is far less).
const PROXY_BODY_MAX = 1 << 20;
const json = (res, status, error, extra = {}) =>
  res.writeHead(status, { 'Content-Type': 'application/json', ...extra }).end(JSON.stringify({ error }));
// As a production reverse proxy does: the service sees the visitor's address (X-Forwarded-For,
// honoured with --trust-proxy) and the site's host; its every status and header reaches the
// browser as it was sent. The browser's body is read whole first and offered with
// `Expect: 100-continue`, so that a body the service refuses (413) is never sent to it: the
// service's answer cannot be lost to a reset connection, and the browser's keep-alive
// connection stays usable.
async function proxyToRecords(req, res, url) {
  if (!recordsUrl) return json(res, 503, 'the consent-records service is not running (make demo starts it)');
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= PROXY_BODY_MAX) chunks.push(chunk);
  }
  if (size > PROXY_BODY_MAX) return json(res, 413, `the body is larger than ${PROXY_BODY_MAX} bytes`);
  const body = Buffer.concat(chunks);
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  const headers = {
    ...endToEnd(req.headers), host: recordsUrl.host, 'x-forwarded-for': forwardedFor,
    'x-forwarded-host': req.headers.host || '', 'x-forwarded-proto': 'http',
  };
  if (body.length || !['GET', 'HEAD'].includes(req.method)) {
    headers['content-length'] = String(body.length);
    if (body.length) headers.expect = '100-continue';
  }
  let answered = false;
  const upstream = httpRequest({
    host: recordsUrl.hostname, port: recordsUrl.port, method: req.method, headers, agent: false,
    path: '/' + url.pathname.slice(RECORDS_PREFIX.length) + url.search,
  }, (answer) => {
    answered = true;
    res.writeHead(answer.statusCode, endToEnd(answer.headers));
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('continue', () => upstream.end(body));
  upstream.on('error', (e) => {
    // An error after the answer began (the service closes a refused body's connection) is the
    // service's to have: the answer has reached the browser or is being piped to it.
    if (answered) return;
    if (res.headersSent) return res.destroy();
    json(res, 502, `the consent-records service did not answer (${e.code || e.message})`);
  });
  if (!headers.expect) upstream.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  // A browser that breaks off its upload rejects the read: that connection is gone, not the server.
  if (url.pathname.startsWith(RECORDS_PREFIX)) return proxyToRecords(req, res, url).catch(() => res.destroy());
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    // A malformed escape (say /%E0) must not throw in this async handler: that would stop the server.
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('malformed URL');
    return;
  }
  if (path === '/receipts') {
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      try { receipts.push(JSON.parse(body)); } catch { res.writeHead(400).end('not JSON'); return; }
      res.writeHead(204).end();
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(receipts));
    }
    return;
  }
  if (pixels[path]) {
    res.writeHead(200, {
      'Content-Type': 'image/gif', 'Cache-Control': 'no-store',
      'Set-Cookie': pixels[path].map(([name, age]) => `${name}=${Math.random().toString(36).slice(2)}; Max-Age=${age}; Path=/; SameSite=Lax`),
    });
    return res.end(GIF);
  }
  let file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root) || /\/\.|node_modules|\/target\//.test(file.slice(root.length))) {
    res.writeHead(404).end('not found');
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    let body = await readFile(file);
    const headers = { 'Content-Type': types[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
    const dynamic = strictCsp.has(path);
    if (dynamic) {
      const nonce = randomBytes(16).toString('base64');
      body = Buffer.from(body.toString('utf8').replaceAll('{{nonce}}', nonce));
      headers['Content-Security-Policy'] =
        `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'`;
    }
    // The site's own session cookie ("Browser cookies" in the policy): essential, set by the server.
    if (extname(file) === '.html' && !/itsme_session=/.test(req.headers.cookie || '')) {
      headers['Set-Cookie'] = `itsme_session=${Math.random().toString(36).slice(2)}; Path=/; SameSite=Lax; HttpOnly`;
    }
    if (compressible.has(extname(file))) {
      headers.Vary = 'Accept-Encoding';
      const encoding = negotiate(req.headers['accept-encoding']);
      if (encoding) {
        body = await compress(body, encoding, !dynamic); // a page with a fresh nonce is compressed each time
        headers['Content-Encoding'] = encoding;
      }
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
// The component's files are compressed before the server answers, as a production server or CDN
// serves them precompressed: the first visitor of a fresh server must not wait for brotli's best
// quality on the 400 KB full module (about a second), nor must a test or the bench.
const pkg = join(root, 'pkg');
const warm = await readdir(pkg).catch(() => []);
await Promise.all(warm.filter((f) => compressible.has(extname(f))).map(async (f) => {
  const body = await readFile(join(pkg, f)).catch(() => null);
  if (body) await compress(body, 'br', true);
}));
server.listen(port, '127.0.0.1', () => console.log(`consent-banner demo: http://127.0.0.1:${port}/`));
