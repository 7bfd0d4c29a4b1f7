// The stylesheet that consent-banner-first.js carries for the first visit's banner (Makefile):
// www/consent-banner.css up to its page part, without the rules that style only the privacy
// centre, minified (csso, without restructuring). A rule is kept when one of its selectors names
// only classes the first layer renders (src/core/view.rs, and first.js's privacy-centre frame);
// the full module links the whole file into the shadow root before it takes the banner over.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const csso = require('csso');

const FIRST_LAYER = new Set(['cb-app', 'cb-banner', 'cb-banner-head', 'cb-title', 'cb-language', 'cb-select', 'cb-sr-only',
  'cb-text', 'cb-partners', 'cb-more', 'cb-gpc', 'cb-actions', 'cb-button', 'cb-links', 'cb-link',
  'cb-pending', 'cb-overlay', 'cb-backdrop', 'cb-dialog', 'cb-progress']);
const PAGE = '\n/* == In the page';

const [source, part] = process.argv.slice(2);
const parts = readFileSync(source, 'utf8').split(PAGE);
if (parts.length !== 2) {
  console.error(`${source}: one line starting with ${PAGE.trim()} expected`);
  process.exit(1);
}
// `--page`: the page's part (placeholders, policy tables) that consent-banner-surfaces.js carries.
if (part === '--page') {
  const page = parts[1].slice(parts[1].indexOf('*/') + 2);
  process.stdout.write(csso.minify(page, { restructure: false }).css.trim());
  process.exit(0);
}
const ast = csso.syntax.parse(parts[0]);
const firstLayer = (selector) => {
  let ok = true;
  csso.syntax.walk(selector, { visit: 'ClassSelector', enter(node) { if (!FIRST_LAYER.has(node.name)) ok = false; } });
  return ok;
};
csso.syntax.walk(ast, {
  visit: 'Rule',
  enter(node, item, list) {
    if (!list || node.prelude.type !== 'SelectorList') return;
    if (!node.prelude.children.toArray().some(firstLayer)) list.remove(item);
  },
});
// At-rules left empty (a @container of the privacy centre's rules only) go too.
csso.syntax.walk(ast, {
  visit: 'Atrule',
  enter(node, item, list) {
    if (list && node.block && node.block.children.isEmpty && node.name !== 'keyframes') list.remove(item);
  },
});
process.stdout.write(csso.minify(csso.syntax.generate(ast), { restructure: false }).css.trim());
