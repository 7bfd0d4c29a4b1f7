// Stand-in for Commanders Act's analytics cookie: sets TCPID (6 months), which identifies
// visitors exposed to the privacy banner and measures its usage, and records that it ran.
// The consent cookies (TC_PRIVACY, TC_PRIVACY_CENTER) are in commanders-act-consent.js.
(function () {
  var m = 30 * 86400;
  var set = function (name, maxAge) {
    document.cookie = name + '=' + Math.random().toString(36).slice(2) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
  };
  set('TCPID', 6 * m);
  (window.standInTags = window.standInTags || []).push('commanders-act');
})();
