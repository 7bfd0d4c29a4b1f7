// Stand-in analytics tag, identical for both banners: sets a first-party cookie (as a real
// analytics tag would) and records that it ran.
(function () {
  document.cookie = 'bench_analytics=' + Math.random().toString(36).slice(2) + '; Max-Age=' + 390 * 86400 + '; Path=/; SameSite=Lax';
  (window.benchTags = window.benchTags || []).push('analytics');
})();
