// Stand-in for Google Analytics: sets _ga and a property cookie _ga_<id> (2 years, as the
// cookie policy declares; browsers may cap this at 400 days), and records that it ran.
(function () {
  var year = 365 * 86400;
  var set = function (name, maxAge) {
    document.cookie = name + '=' + Math.random().toString(36).slice(2) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
  };
  set('_ga', 2 * year);
  set('_ga_DEMO123', 2 * year);
  (window.standInTags = window.standInTags || []).push('google-analytics');
})();
