// consent-banner: the debug notice (data-consent-debug) that names why a config cannot be used,
// shown only with diagnostics on (?consent-debug, or data-debug on the loader): tags.js's `fail`
// imports it then, so that no visitor's page view downloads it. Visitors never see it.

/** Shows `errors` ({path, message} each) in a fixed box at the bottom of the page. */
export function notice(errors) {
  const show = () => {
    const box = document.createElement('div');
    box.setAttribute('data-consent-debug', '');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;left:8px;right:8px;bottom:8px;z-index:2147483647;max-height:50vh;overflow:auto;' +
      'background:#fff3f3;color:#5c0000;border:2px solid #b00020;border-radius:6px;padding:12px;font:14px/1.4 system-ui,sans-serif';
    const title = document.createElement('strong');
    title.textContent = 'consent-banner (debug): the config cannot be used, so no banner shows and no optional tag runs';
    const items = document.createElement('ul');
    for (const e of errors) {
      const item = document.createElement('li');
      item.textContent = (e.path ? e.path + ': ' : '') + e.message;
      items.appendChild(item);
    }
    box.append(title, items);
    document.body.appendChild(box);
  };
  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show);
}
