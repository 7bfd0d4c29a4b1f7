// Stand-in video player: sets a marketing cookie, as real embedded players do.
document.cookie = 'vid_visitor=' + Math.random().toString(36).slice(2) + '; Max-Age=' + 180 * 86400 + '; Path=/; SameSite=Lax';
