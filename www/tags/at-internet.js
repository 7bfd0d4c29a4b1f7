// Stand-in for AT Internet's analytics tag: sets the cookies the real one sets, with the
// lifetimes the cookie policy declares, and records that it ran.
(function () {
  var m = 30 * 86400;
  var set = function (name, maxAge) {
    document.cookie = name + '=' + Math.random().toString(36).slice(2) + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
  };
  set('atidvisitor', 6 * m);
  set('atreman', m);
  set('atredir', 30);
  set('atsession', 30 * 60);
  set('atuserid', 13 * m);
  set('atauthority', 13 * m);
  (window.standInTags = window.standInTags || []).push('at-internet');
})();
