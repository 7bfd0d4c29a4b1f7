// Stand-in for Commanders Act's consent cookies: essential, but placed only once the visitor
// has made a choice (an afterChoice category). Sets TC_PRIVACY and TC_PRIVACY_CENTER
// (6 months each) and records that it ran.
(function () {
  var m = 30 * 86400;
  var set = function (name, maxAge) {
    document.cookie = name + '=' + Math.random().toString(36).slice(2) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
  };
  set('TC_PRIVACY', 6 * m);
  set('TC_PRIVACY_CENTER', 6 * m);
  (window.standInTags = window.standInTags || []).push('commanders-act-consent');
})();
