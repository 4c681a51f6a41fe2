// Shows every <time datetime> in the viewer's own time zone and language; the server's text (UTC) stays
// for anyone without JavaScript.
(() => {
    'use strict';
    const lang = document.documentElement.lang || undefined;
    const formatter = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });

    /** Sets a <time> to an ISO instant, or reformats the one it has. */
    function show(el, iso) {
        if (iso) el.setAttribute('datetime', iso);
        const at = new Date(el.getAttribute('datetime'));
        if (!Number.isNaN(at.getTime())) el.textContent = formatter.format(at);
    }

    window.OffloadTime = { show };
    document.addEventListener('DOMContentLoaded', () => document.querySelectorAll('time[datetime]').forEach(el => show(el)));
})();
