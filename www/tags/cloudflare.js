// Stand-in for Cloudflare on the support pages: sets the essential bot-protection cookie
// __cf_bm (30 minutes; the real one expires after 30 minutes of inactivity) and the
// traffic-management cookie __cflb (1 day), and records that it ran.
(function () {
  var set = function (name, maxAge) {
    document.cookie = name + '=' + Math.random().toString(36).slice(2) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
  };
  set('__cf_bm', 30 * 60);
  set('__cflb', 86400);
  (window.standInTags = window.standInTags || []).push('cloudflare');
})();
