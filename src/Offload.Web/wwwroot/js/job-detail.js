// A job's own page, live: each event for this job moves its status, bar and counts at once; the parts the server
// words (elapsed time, time left, queue position, timeline, errors by reason, buttons, downloads) are read again
// from the page itself, at most every couple of seconds, and swapped in place — one rendering, server-side, for
// both. Without this script the page is right as loaded, and on every reload.
(() => {
    'use strict';
    const page = document.getElementById('job-detail');
    if (!page) return;
    const labels = page.dataset;
    const id = labels.jobId;
    const finished = ['completed', 'aborted', 'failed'];
    const minGap = 2000;
    const idleRefresh = 5000;
    let lastRead = 0;
    let pending = null;
    let gone = false;

    const n = value => OffloadJobs.numbers.format(value);
    const format = (pattern, ...args) => pattern.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
    const statusLabel = status => labels['label' + status[0].toUpperCase() + status.slice(1)];

    /** An older copy of the job (an event overtaken by a newer one) never wins. */
    const isOlder = job => OffloadJobs.isOlder(job, labels.status, Number(labels.processed));

    function apply(job) {
        if (isOlder(job)) return;
        labels.status = job.status;
        labels.processed = job.processed;
        const status = page.querySelector('.job-status');
        if (status.textContent !== statusLabel(job.status)) status.textContent = statusLabel(job.status);
        page.querySelector('.job-percent').textContent = OffloadJobs.setProgress(page.querySelector('[role=progressbar]'), job.percent);
        page.querySelector('.job-count').textContent = format(labels.labelCount, n(job.processed), n(job.total));
        const errors = page.querySelector('.job-errors');
        errors.hidden = job.errorCount === 0;
        errors.textContent = job.errorCount === 1 ? labels.labelError : format(labels.labelErrors, n(job.errorCount));
        const failure = page.querySelector('.job-failure');
        failure.hidden = !job.failureReason;
        failure.textContent = job.failureReason || '';
        const stop = page.querySelector('.job-stop');
        stop.hidden = !job.stopDetail;
        stop.textContent = job.stopDetail || '';
    }

    /** Reads the page again and swaps each live part, keeping the keyboard's place; an answer older than what is shown is dropped. */
    async function reread() {
        pending = null;
        lastRead = Date.now();
        const response = await fetch(location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
        if (response.status === 404) return showGone();
        if (!response.ok) return schedule(idleRefresh);
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        const now = fresh.getElementById('job-detail');
        if (now && !isOlder({ status: now.dataset.status, processed: Number(now.dataset.processed), pauseRequestedAt: now.dataset.pauseRequested })) {
            labels.status = now.dataset.status;
            labels.processed = now.dataset.processed;
            const focused = document.activeElement?.id;
            document.querySelectorAll('[data-live]').forEach(part => {
                const next = fresh.getElementById(part.id);
                if (!next) return;
                part.hidden = next.hidden;
                part.innerHTML = next.innerHTML;
                part.querySelectorAll('time[datetime]').forEach(t => OffloadTime.show(t));
            });
            // A button that went (Abort once the job ended) hands the keyboard to the status that says why.
            const target = focused && (document.getElementById(focused) ?? page.querySelector('.job-status'));
            if (target && target !== document.activeElement) {
                if (!target.matches('a, button')) target.tabIndex = -1;
                target.focus();
            }
        }
        if (!finished.includes(labels.status)) schedule(idleRefresh);
    }

    function showGone() {
        gone = true;
        document.querySelectorAll('[data-live]').forEach(part => { part.hidden = true; });
        document.getElementById('job-deleted').hidden = false;
    }

    /** At most one read every minGap, however many events arrive. */
    function schedule(delay) {
        if (gone) return;
        if (pending) clearTimeout(pending);
        pending = setTimeout(reread, Math.max(delay, lastRead + minGap - Date.now()));
    }

    document.addEventListener('offload:job', e => {
        const job = e.detail;
        if (job.id !== id) return;
        if (job.deleted) return showGone();
        apply(job);
        schedule(0);
    });
    document.addEventListener('offload:resync', () => schedule(0));
    if (!finished.includes(labels.status)) schedule(idleRefresh);
})();
