// Demo page script: inserts a gated tag after load, as a single-page app or a tag manager would.
document.addEventListener('click', function (e) {
  if (!e.target.closest('[data-demo-insert]')) return;
  var s = document.createElement('script');
  s.type = 'text/plain';
  s.setAttribute('data-consent-category', 'analytics');
  s.setAttribute('data-src', '/www/tags/late.js');
  document.body.appendChild(s);
  document.querySelector('[data-demo-inserted]').textContent = 'Inserted a gated analytics tag.';
});
