#!/usr/bin/env python3
"""Writes the demo site's pages from one template, so that every page has the same header,
footer ("Manage privacy preferences") and embedding. Run after editing; the output is committed.
With --check (make lint) it writes nothing and fails when a committed page differs from it, so
that an edit of a page by hand is not undone by the next run."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

HEAD = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="/www/favicon.svg">
  <title>{title} · itsme demo</title>
  <link rel="stylesheet" href="/www/demo.css">
  <script src="/www/consent-banner.js" data-config="/www/config/itsme.json" data-area="{area}" defer></script>
</head>
<body>
  <header>
    <strong>itsme <span aria-hidden="true">·</span> demo</strong>
    <nav aria-label="Site areas">
      <a href="/www/private.html">For me</a>
      <a href="/www/business.html">For business</a>
      <a href="/www/support.html">Support</a>
      <a href="/www/my-itsme.html">My itsme</a>
    </nav>
  </header>
  <main>
{body}
  </main>
  <footer>
    <p>Belgian Mobile ID SA/NV · Rue du Marquis 1, 1000 Brussels ·
      <a href="/www/cookie-policy.html">Cookie policy</a> ·
      <a href="/www/cookie-policy.html#manage" data-consent-open>Manage privacy preferences</a></p>
  </footer>
{tags}
</body>
</html>
"""

PAGES = {
    "private": ("For me", "private", """    <h1>itsme for me</h1>
    <p>Log in, confirm and sign with one app. This is the private area ("for me") of the demo: it uses
      essential cookies only, so it informs you instead of asking for consent.</p>
    <p>The site's own session cookie, <code>itsme_session</code>, is set by the server; the language, consent
      and banner cookies by consent-banner itself.</p>""", ""),
    "business": ("For business", "business", """    <h1>itsme for business</h1>
    <p>Let your customers log in, share verified identity data and sign documents with itsme. This is the
      business area of the demo: it may use essential, analytical and marketing cookies, and asks for your
      consent before any analytical or marketing tag runs.</p>
    <p>The tags on this page are local stand-ins for Commanders Act, Numberly and AT Internet. Each sets the
      cookies its real counterpart sets, so you can watch them appear in the developer tools only after you
      accept, and disappear when you withdraw.</p>""", """  <!-- Consent provider: essential, placed only after a choice (afterChoice in the config). -->
  <script type="text/plain" data-consent-category="consent-provider" data-src="/www/tags/commanders-act-consent.js"></script>
  <!-- Analytics: each provider's stand-in tag runs once its service is accepted; the inline one
       names only the category, so it runs (after them) once all of analytics is accepted. -->
  <script type="text/plain" data-consent-category="analytics" data-consent-service="numberly" data-src="/www/tags/numberly-analytics.js"></script>
  <script type="text/plain" data-consent-category="analytics" data-consent-service="commanders-act" data-src="/www/tags/commanders-act.js"></script>
  <script type="text/plain" data-consent-category="analytics" data-consent-service="at-internet" data-src="/www/tags/at-internet.js"></script>
  <script type="text/plain" data-consent-category="analytics">
    (window.standInTags = window.standInTags || []).push("inline-analytics");
  </script>
  <!-- Marketing: Numberly's remarketing pixel. -->
  <img data-consent-category="marketing" data-src="/www/tags/numberly-pixel.gif" alt="" width="1" height="1" hidden>"""),
    "support": ("Support", "support", """    <h1>itsme support</h1>
    <p>Questions about the app, your account or an integration? This is the support area of the demo
      (the "contact us" pages): it uses only essential cookies, among them Cloudflare's bot protection and
      traffic management cookies, so it informs you instead of asking.</p>""", """  <!-- Essential third-party cookies: run at once, no consent needed. -->
  <script type="text/plain" data-consent-category="essential" data-src="/www/tags/cloudflare.js"></script>"""),
    "my-itsme": ("My itsme", "my-itsme", """    <h1>My itsme</h1>
    <p>See your devices, your activity and the partners you shared data with. The pages linked to your itsme
      account use essential cookies and, with your consent, Google's analytical cookies.</p>
    <p>Your account pages show where you logged in with itsme, which data you shared with which partner and
      when, and the devices on which your app is activated. You can block a device, review a signature or
      download your activity. Analytical cookies, if you accept them, tell us which of these pages help you and
      which are hard to use; refusing them changes nothing about what you can do here.</p>""", """  <script type="text/plain" data-consent-category="account-analytics" data-consent-service="google" data-src="/www/tags/google-analytics.js"></script>"""),
    "cookie-policy": ("Cookie policy", "business", """    <h1>Cookie policy</h1>
    <p>This cookie policy explains what cookies are and how Belgian Mobile ID uses them on the websites it
      operates. The tables below are rendered by consent-banner from the same configuration as the privacy
      centre, so the two can never disagree.</p>
    <h2>What are cookies?</h2>
    <p>A cookie is a small text file saved on your computer or mobile device when you visit the website. It lets
      the website remember your actions and preferences for a predefined period of time. Session cookies are
      deleted when you close your browser; permanent cookies stay for a longer period.</p>
    <h2>Our use of cookies</h2>
    <p>The private area ("for me") and the support area use only essential cookies. The business area and the
      pages related to your itsme account may also use analytical and marketing cookies, which are placed only
      with your consent.</p>
    <h2 id="private">itsme private</h2>
    <div data-consent-cookie-table="private"></div>
    <h2 id="business">itsme business</h2>
    <div data-consent-cookie-table="business"></div>
    <h2 id="support">itsme support pages</h2>
    <div data-consent-cookie-table="support"></div>
    <h2 id="my-itsme">My itsme pages</h2>
    <div data-consent-cookie-table="my-itsme"></div>
    <h2 id="manage">Cookie management</h2>
    <p>You can change or withdraw your consent to analytical and marketing cookies at any time.</p>
    <p><button type="button" class="demo-button" data-consent-open>Manage privacy preferences</button></p>""", ""),
}

check = "--check" in sys.argv[1:]
stale = []
for name, (title, area, body, tags) in PAGES.items():
    path = ROOT / "www" / f"{name}.html"
    text = HEAD.format(title=title, area=area, body=body, tags=tags)
    if check:
        if path.read_text() != text:
            stale.append(str(path.relative_to(ROOT)))
    else:
        path.write_text(text)
if stale:
    sys.exit("scripts/pages.py would change " + ", ".join(stale) + ": edit the template in scripts/pages.py, then run it")
