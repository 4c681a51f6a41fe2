// The Background Jobs table, live: rows and bars follow the server's events in place, new jobs appear at the
// top, deleted ones go; X and trash confirm in a <dialog> and act through the API; "Load more" appends the
// next keyset page. Without this script the same page works by links, forms and reloads.
(() => {
    'use strict';
    const table = document.getElementById('jobs');
    if (!table) return;
    const rows = table.tBodies[0];
    const labels = table.dataset;
    const me = Number(labels.me);
    const blankId = '00000000-0000-0000-0000-000000000000';
    const more = document.getElementById('jobs-more');
    const dialog = document.getElementById('job-confirm');
    const finished = ['completed', 'aborted', 'failed'];

    const n = value => OffloadJobs.numbers.format(value);
    const format = (pattern, ...args) => pattern.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
    const statusLabel = status => labels['label' + status[0].toUpperCase() + status.slice(1)];
    const rowOf = id => document.getElementById('job-' + id);

    /**
     * True when the row already shows a later state than this copy of the job: an API answer and the event
     * stream race (an abort's 202 may arrive after the event saying the job already ended), and the older
     * one must not win.
     */
    const isOlder = (job, tr) => OffloadJobs.isOlder(job, tr.dataset.status, Number(tr.dataset.processed));

    function fill(tr, job) {
        tr.dataset.status = job.status;
        tr.dataset.processed = job.processed;
        tr.dataset.ownerId = job.owner.id;
        tr.querySelector('.job-title').textContent = job.description;
        tr.querySelector('.job-owner').textContent = job.owner.username;
        const started = tr.querySelector('.job-started');
        started.hidden = !job.startedAt;
        tr.querySelector('.job-not-started').hidden = !!job.startedAt;
        if (job.startedAt) OffloadTime.show(started, job.startedAt);
        OffloadTime.show(tr.querySelector('.job-expires'), job.expiresAt);
        tr.querySelector('.job-percent').textContent = OffloadJobs.setProgress(tr.querySelector('[role=progressbar]'), job.percent);
        tr.querySelector('.job-count').textContent = format(labels.labelCount, n(job.processed), n(job.total));
        tr.querySelector('.job-status').textContent = statusLabel(job.status);
        const errors = tr.querySelector('.job-errors');
        errors.hidden = job.errorCount === 0;
        errors.textContent = job.errorCount === 1 ? labels.labelError : format(labels.labelErrors, n(job.errorCount));
        tr.querySelector('.job-log').hidden = job.errorCount === 0;
        tr.querySelector('.job-result').hidden = !job.hasResult;
        const failure = tr.querySelector('.job-failure');
        failure.hidden = !job.failureReason;
        failure.textContent = job.failureReason || '';
        const stop = tr.querySelector('.job-stop');
        stop.hidden = !job.stopDetail;
        stop.textContent = job.stopDetail || '';
        tr.querySelector('.job-abort').hidden = !(job.status === 'queued' || job.status === 'running' || job.status === 'paused');
        tr.querySelector('.job-pause').closest('form').hidden = !(job.status === 'queued' || (job.status === 'running' && !job.pauseRequestedAt));
        tr.querySelector('.job-resume').closest('form').hidden = job.status !== 'paused';
        tr.querySelector('.job-delete').hidden = !finished.includes(job.status);
    }

    function newRow(job) {
        const tr = document.getElementById('job-row-template').content.firstElementChild.cloneNode(true);
        tr.id = 'job-' + job.id;
        tr.dataset.jobId = job.id;
        tr.querySelectorAll('a[href]').forEach(a => a.setAttribute('href', a.getAttribute('href').replace(blankId, job.id)));
        tr.querySelectorAll('form[action]').forEach(f => f.setAttribute('action', f.getAttribute('action').replace(blankId, job.id)));
        fill(tr, job);
        return tr;
    }

    /** Ids are time-ordered (UUIDv7), so comparing them as text orders jobs by creation. */
    function insert(tr) {
        const id = tr.dataset.jobId;
        const after = [...rows.rows].find(r => r.dataset.jobId < id);
        if (after) rows.insertBefore(tr, after);
        else if (!more) rows.append(tr); // older than every loaded row: "Load more" will bring it
        showEmpty();
    }

    function remove(id) {
        rowOf(id)?.remove();
        showEmpty();
    }

    const showEmpty = () => { document.getElementById('jobs-empty').hidden = rows.rows.length > 0; };

    const created = job => new Date(job.createdAt).getTime();

    /**
     * Whether a job this view has not shown yet belongs in it: first page only, same tab, every filter. The text is
     * matched by the server (on the words stored, not the ones shown), so a job that passes the rest is looked up
     * with the filters instead: see <code>recheck</code>.
     */
    const belongs = job => labels.liveTop === 'true'
        && (labels.scope !== 'mine' || job.owner.id === me)
        && (!labels.status || job.status === labels.status)
        && (!labels.kind || job.kind === labels.kind)
        && (!labels.owner || job.owner.id === Number(labels.ownerId))
        && (!labels.from || created(job) >= new Date(labels.from).getTime())
        && (!labels.to || created(job) <= new Date(labels.to).getTime());

    function apply(job) {
        if (job.deleted) return remove(job.id);
        const tr = rowOf(job.id);
        if (tr) {
            if (!isOlder(job, tr)) fill(tr, job);
        }
        else if (belongs(job)) {
            if (labels.q) recheck();
            else insert(newRow(job));
        }
    }

    /** New jobs under a text filter: the first page is read again with the filters, at most once a second. */
    let rechecking = null;
    function recheck() {
        rechecking ??= setTimeout(() => { rechecking = null; resync(); }, 1000);
    }

    function listUrl(cursor) {
        const q = new URLSearchParams({ scope: labels.scope, limit: '50' });
        for (const name of ['status', 'kind', 'owner', 'from', 'to', 'q']) if (labels[name]) q.set(name, labels[name]);
        if (cursor) q.set('cursor', cursor);
        return '/api/jobs?' + q;
    }

    /** After a reconnect: missed changes are not replayed, so the first page is read again. */
    async function resync() {
        if (labels.liveTop !== 'true') return;
        const page = await OffloadJobs.getJson(listUrl(null));
        const seen = new Set(page.items.map(j => j.id));
        const oldest = page.items.length ? page.items[page.items.length - 1].id : '';
        [...rows.rows].filter(r => r.dataset.jobId >= oldest && !seen.has(r.dataset.jobId)).forEach(r => remove(r.dataset.jobId));
        // Every job of this page matches the filters, the text included: added as they are, not checked again.
        page.items.forEach(job => rowOf(job.id) ? apply(job) : insert(newRow(job)));
    }

    async function loadMore(e) {
        e.preventDefault();
        const page = await OffloadJobs.getJson(listUrl(more.dataset.cursor));
        page.items.filter(j => !rowOf(j.id)).forEach(j => rows.append(newRow(j)));
        if (page.nextCursor) more.dataset.cursor = page.nextCursor;
        else more.remove();
        showEmpty();
    }

    /** Resolves true when the person confirms; a browser without <dialog> falls back to confirm(). */
    function confirmAction(kind, description) {
        const d = dialog.dataset;
        const [title, text, ok] = [d[kind + 'Title'], d[kind + 'Text'], d[kind + 'Ok']];
        if (typeof dialog.showModal !== 'function') return Promise.resolve(window.confirm(title + '\n' + description + '\n' + text));
        dialog.querySelector('h2').textContent = title;
        dialog.querySelector('.confirm-job').textContent = description;
        dialog.querySelector('.confirm-text').textContent = text;
        dialog.querySelector('#job-confirm-ok').textContent = ok;
        dialog.returnValue = '';
        const opener = document.activeElement;
        dialog.showModal();
        return new Promise(resolve => dialog.addEventListener('close', () => {
            // Back to the X or trash that opened it, as a keyboard user expects (older browsers leave it on <body>).
            if (opener?.isConnected) opener.focus();
            resolve(dialog.returnValue === 'ok');
        }, { once: true }));
    }

    /**
     * After an abort or delete the X or trash just used is hidden or gone with its row; focus goes to the row's
     * status (which now says what happened), the next row's when the row went, or the table, never to <body>.
     */
    function refocus(tr, neighbour) {
        const now = document.activeElement;
        if (now && now !== document.body && now.isConnected && !now.closest('[hidden]')) return;
        const row = tr.isConnected ? tr : neighbour?.isConnected ? neighbour : null;
        const target = row ? row.querySelector('.job-status') : table;
        target.tabIndex = -1;
        target.focus();
    }

    async function act(e) {
        const link = e.target.closest('.job-abort, .job-delete');
        if (!link) return;
        e.preventDefault();
        const tr = link.closest('tr');
        const id = tr.dataset.jobId;
        const abort = link.classList.contains('job-abort');
        if (!await confirmAction(abort ? 'abort' : 'delete', tr.querySelector('.job-title').textContent)) return;
        const neighbour = tr.nextElementSibling || tr.previousElementSibling;
        const response = await OffloadJobs.send(abort ? 'POST' : 'DELETE', '/api/jobs/' + id + (abort ? '/abort' : ''));
        if (response.status === 204 || response.status === 404) remove(id);
        else if (response.status === 202) apply(await response.json());
        else apply(await OffloadJobs.getJson('/api/jobs/' + id)); // 409: it moved on meanwhile; show how it is now
        refocus(tr, neighbour);
    }

    /** Pause and resume, reversible, go straight through the API; the row shows the answer, the focus stays on the row. */
    async function move(e) {
        const form = e.target.closest('form.job-move');
        if (!form) return;
        e.preventDefault();
        const tr = form.closest('tr');
        const id = tr.dataset.jobId;
        const response = await OffloadJobs.send('POST', '/api/jobs/' + id + (form.querySelector('.job-pause') ? '/pause' : '/resume'));
        if (response.status === 404) remove(id);
        else if (response.status === 202) apply(await response.json());
        else apply(await OffloadJobs.getJson('/api/jobs/' + id)); // 409: it moved on meanwhile; show how it is now
        refocus(tr, tr.nextElementSibling || tr.previousElementSibling);
    }

    rows.addEventListener('click', act);
    rows.addEventListener('submit', move);
    // Dates in the filter form are the viewer's days: the server is told the viewer's offset from UTC.
    const tz = document.getElementById('filter-tz');
    if (tz) tz.value = String(-new Date().getTimezoneOffset());
    if (more) {
        more.textContent = more.dataset.labelMore;
        more.addEventListener('click', loadMore);
    }
    document.addEventListener('offload:job', e => apply(e.detail));
    document.addEventListener('offload:resync', resync);
})();
