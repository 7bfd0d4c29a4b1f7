// Stand-in for Numberly's analytics tag: sets the session-tracking cookie the cookie policy
// declares for it (6 months), and records that it ran. Numberly's marketing cookies come from
// the pixel served at /www/tags/numberly-pixel.gif.
(function () {
  var m = 30 * 86400;
  var set = function (name, maxAge) {
    document.cookie = name + '=' + Math.random().toString(36).slice(2) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
  };
  set('nmb_session', 6 * m);
  (window.standInTags = window.standInTags || []).push('numberly-analytics');
})();
