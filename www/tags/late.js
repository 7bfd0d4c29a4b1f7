// Stand-in for a tag inserted after load by a single-page app or a tag manager.
(window.standInTags = window.standInTags || []).push('late');
