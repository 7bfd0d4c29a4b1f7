// Fills a script's one `const CSS = '';` line with a minified stylesheet (Makefile): the
// first-visit page work and the placeholders' script carry their part of consent-banner.css.
// Usage: node scripts/fill-css.mjs <script> <css> <output>
import { readFileSync, writeFileSync } from 'node:fs';

const [script, css, output] = process.argv.slice(2);
const src = readFileSync(script, 'utf8');
const line = "const CSS = '';";
if (src.split(line).length !== 2) {
  console.error(`${script}: one line ${line} expected`);
  process.exit(1);
}
writeFileSync(output, src.replace(line, `const CSS = ${JSON.stringify(readFileSync(css, 'utf8'))};`));
