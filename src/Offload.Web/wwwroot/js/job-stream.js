// One EventSource per page on /api/jobs/events. Each change becomes an 'offload:job' event on document
// (detail: the job's JSON or {id, deleted}); after a dropped connection comes back, 'offload:resync' tells
// listeners to re-read what they show, since events missed meanwhile are not replayed.
(() => {
    'use strict';
    const lang = document.documentElement.lang || undefined;
    const percentFormat = new Intl.NumberFormat(lang, { style: 'percent' });
    let source = null;
    let dropped = false;

    function connect() {
        source = new EventSource('/api/jobs/events');
        source.onopen = () => {
            if (dropped) document.dispatchEvent(new CustomEvent('offload:resync'));
            dropped = false;
        };
        source.onmessage = e => document.dispatchEvent(new CustomEvent('offload:job', { detail: JSON.parse(e.data) }));
        source.onerror = () => {
            dropped = true;
            // The browser retries by itself unless the answer was not a stream (a restart, a 502): then we do.
            if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
        };
    }

    /** Moves a role="progressbar" (and its SVG fill) to a percentage. */
    function setProgress(bar, percent) {
        const text = percentFormat.format(percent / 100);
        bar.setAttribute('aria-valuenow', String(percent));
        bar.setAttribute('aria-valuetext', text);
        bar.querySelector('.progress-fill').setAttribute('width', percent + '%');
        return text;
    }

    const isUnfinished = status => status === 'queued' || status === 'running' || status === 'aborting' || status === 'paused';

    const finished = ['completed', 'aborted', 'failed'];
    const stage = status => finished.includes(status) ? 3 : ['queued', 'running', 'aborting'].indexOf(status);

    /**
     * True when a copy of a job is older than what a page shows (status and processed): an API answer and the event
     * stream race, and the older must not win. Jobs move forward (queued → running → aborting → finished, processed
     * never shrinks) except through a pause: paused follows running or queued, and a resume queues a paused job again.
     * The one stale copy a paused job can meet is its pause's own answer (still running, its pause asked).
     */
    function isOlder(job, status, processed) {
        if (status === 'paused') return job.status === 'running' && !!job.pauseRequestedAt && job.processed <= processed;
        if (job.status === 'paused') return stage(status) > 1;
        const [was, now] = [stage(status), stage(job.status)];
        return now < was || (now === was && job.processed < processed);
    }

    /** Unsafe /api calls from the cookie session carry the page's antiforgery token (SPEC §7). */
    function send(method, url) {
        const token = document.querySelector('meta[name="csrf-token"]').content;
        return fetch(url, { method, headers: { RequestVerificationToken: token }, credentials: 'same-origin' });
    }

    async function getJson(url) {
        const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (!response.ok) throw new Error(url + ' answered ' + response.status);
        return response.json();
    }

    window.OffloadJobs = { setProgress, isUnfinished, isOlder, send, getJson, numbers: new Intl.NumberFormat(lang) };
    document.addEventListener('DOMContentLoaded', connect);
})();
