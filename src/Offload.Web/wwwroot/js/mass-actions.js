// The selection actions in place (SPEC §9): the Users list's checkboxes count live, "select all" works without a
// reload, and each action's steps — course or column picker, the server's preview, the confirmation — run in a
// <dialog> through the JSON API. Without this script the same forms post to /admin/users/actions step by step; the
// words come from that same server code (the #mass-action-words JSON), none are written here.
(() => {
    'use strict';
    const dialog = document.getElementById('mass-action-dialog');
    if (!dialog || typeof dialog.showModal !== 'function') return; // the plain forms do it all
    const w = JSON.parse(document.getElementById('mass-action-words').textContent);
    const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    const fmt = (pattern, ...args) => pattern.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
    const count = (key, n) => n === 1 ? w[key] : fmt(w[key + 's'], numbers.format(n));
    const $ = selector => dialog.querySelector(selector);
    const error = $('.form-error');
    const steps = { courses: $('.step-courses'), columns: $('.step-columns'), confirm: $('.step-confirm') };
    const [continueButton, confirmButton, cancelButton] = [$('.mass-continue'), $('.mass-confirm'), $('.mass-cancel')];
    let state = null;
    let courses = null;

    /** Unsafe /api calls from the cookie session carry the page's antiforgery token (SPEC §7). */
    function post(url, body) {
        const token = document.querySelector('meta[name="csrf-token"]').content;
        return fetch(url, {
            method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
        });
    }

    function selectionOf(form) {
        const data = new FormData(form);
        if (data.get('selectAll') !== 'filter') return { userIds: data.getAll('userIds').map(Number) };
        const filter = {};
        if (data.get('text')) filter.text = data.get('text');
        if (data.get('branch')) filter.branchId = Number(data.get('branch'));
        if (data.get('active')) filter.active = data.get('active') === 'true';
        return { filter };
    }

    function bodyOf() {
        const body = { selection: state.selection };
        const picker = w['picker.' + state.act];
        if (picker === 'courses') body.courseIds = state.courseIds;
        if (picker === 'columns') body.columns = state.columns;
        // The one action the screens offer twice, under two names, with the field that tells them apart.
        if (w['api.' + state.act] === 'users-status') body.active = state.act === 'activate';
        // The advanced error-rate stop, only when one is typed: blank runs to the end; the server checks the numbers.
        const percent = $('[name="stopOnErrors.percent"]').value.trim();
        const after = $('[name="stopOnErrors.after"]').value.trim();
        if (percent || after) body.stopOnErrors = { percent: percent ? Number(percent) : null, after: after ? Number(after) : null };
        return body;
    }

    function show(step, focus) {
        Object.entries(steps).forEach(([name, element]) => { element.hidden = name !== step; });
        continueButton.hidden = step === 'confirm';
        confirmButton.hidden = step !== 'confirm';
        (focus || (step === 'confirm' ? confirmButton : continueButton)).focus();
    }

    async function showProblem(response) {
        let problem = {};
        try { problem = await response.json(); } catch { /* not JSON: the status alone */ }
        // As on the step page: a detail telling a script what to send (Send "courseIds": [...]) is left out.
        const detail = problem.detail && !problem.detail.includes('"') ? problem.detail : '';
        error.textContent = [problem.title || response.status, detail].filter(Boolean).join(' ');
        error.hidden = false;
    }

    function listCourses() {
        const search = $('#mass-course-search').value.trim().toLowerCase();
        const matches = courses.filter(c => state.courseIds.includes(c.id)
            || c.code.toLowerCase().includes(search) || c.title.toLowerCase().includes(search)).slice(0, 50);
        const choices = $('.step-courses .choices');
        choices.replaceChildren(...matches.map(c => {
            const item = document.getElementById('mass-course-template').content.firstElementChild.cloneNode(true);
            const box = item.querySelector('input');
            box.value = c.id;
            box.checked = state.courseIds.includes(c.id);
            item.querySelector('.code').textContent = c.code;
            item.querySelector('.title').textContent = c.title;
            return item;
        }));
        $('.step-courses .empty').hidden = matches.length > 0;
    }

    async function pickCourses() {
        courses ??= await (await fetch('/api/courses', { credentials: 'same-origin' })).json();
        $('#mass-course-search').value = '';
        listCourses();
        show('courses', $('#mass-course-search'));
    }

    async function preview() {
        error.hidden = true;
        const api = '/api/mass-actions/' + w['api.' + state.act];
        const response = await post(api + '/preview', bodyOf());
        if (!response.ok) return showProblem(response);
        const p = await response.json();
        const head = fmt(w[state.act], count('user', p.total), count('course', new Set(state.courseIds).size));
        const parts = [];
        if (p.noChange > 0 && w[state.act + 'Same']) parts.push(count(state.act + 'Same', p.noChange));
        if (p.outOfScope > 0) parts.push(count('skipped', p.outOfScope));
        $('.confirm-sentence').textContent = parts.length ? fmt(w.sentence, head, parts.join(', ')) : head;
        const warning = w[state.act + 'Warning'];
        $('.confirm-warning').textContent = warning || '';
        $('.confirm-warning').hidden = !warning;
        const s = Math.max(1, p.estimatedSeconds);
        $('.confirm-duration').textContent = fmt(w.duration,
            s < 60 ? count('second', s) : s < 3600 ? count('minute', Math.ceil(s / 60)) : count('hour', Math.ceil(s / 3600)));
        confirmButton.textContent = w['label.' + state.act];
        confirmButton.className = 'mass-confirm' + (warning ? ' danger' : '');
        show('confirm');
    }

    async function start() {
        confirmButton.disabled = true;
        try {
            const response = await post('/api/mass-actions/' + w['api.' + state.act], bodyOf());
            if (response.status !== 202) return showProblem(response);
            const { job } = await response.json();
            const back = state.form.dataset.returnTo;
            if (back) { window.location.assign(back + '?started=' + encodeURIComponent(job.id)); return; }
            // The notice's link takes the focus: the button that opened the dialog may now be disabled (nothing selected).
            state.opener = announce(job);
            clearSelection();
            dialog.close();
        } finally {
            confirmButton.disabled = false;
        }
    }

    function announce(job) {
        const p = document.createElement('p');
        p.className = 'started-notice';
        const link = document.createElement('a');
        link.href = '/jobs';
        link.textContent = w.follow;
        p.append(fmt(w.started, job.description) + ' ', link);
        document.getElementById('started-notice').replaceChildren(p);
        return link;
    }

    function open(form, act, opener) {
        const data = new FormData(form);
        state = {
            form, act, opener, selection: selectionOf(form),
            courseIds: data.getAll('courseIds').map(Number), columns: [],
        };
        $('#mass-action-title').textContent = w['heading.' + act];
        error.hidden = true;
        dialog.querySelectorAll('.step-columns input').forEach(box => { box.checked = true; });
        Object.values(steps).forEach(element => { element.hidden = true; });
        // Until a step shows, no button but Cancel: a refused preview must not leave an earlier Confirm on offer.
        continueButton.hidden = confirmButton.hidden = true;
        dialog.showModal();
        cancelButton.focus();
        const picker = w['picker.' + act];
        if (picker === 'courses' && state.courseIds.length === 0) pickCourses();
        else if (picker === 'columns') show('columns', dialog.querySelector('.step-columns input'));
        else preview();
    }

    continueButton.addEventListener('click', () => {
        if (!steps.courses.hidden) {
            state.courseIds = [...steps.courses.querySelectorAll('input:checked')].map(box => Number(box.value));
        } else {
            state.columns = [...steps.columns.querySelectorAll('input:checked')].map(box => box.value);
        }
        preview();
    });
    confirmButton.addEventListener('click', start);
    cancelButton.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => state?.opener?.focus());
    $('#mass-course-search').addEventListener('input', listCourses);
    steps.courses.addEventListener('change', e => {
        const id = Number(e.target.value);
        state.courseIds = e.target.checked ? [...state.courseIds, id] : state.courseIds.filter(c => c !== id);
    });

    document.querySelectorAll('form[data-mass-form]').forEach(form => form.addEventListener('submit', e => {
        const act = e.submitter?.name === 'act' ? e.submitter.value : new FormData(form).get('act');
        if (!act) return;
        e.preventDefault();
        const data = new FormData(form);
        if (data.get('selectAll') !== 'filter' && data.getAll('userIds').length === 0) return;
        open(form, act, e.submitter);
    }));

    // The Users list: live count, "select all" on the page and on the filter, without reloading.
    const list = document.getElementById('user-selection');
    if (!list) return;
    const rows = () => [...list.querySelectorAll('input[name="userIds"]')];
    const matching = Number(list.dataset.matching);
    const allMatching = document.getElementById('select-all-matching');
    const header = document.getElementById('select-rows');
    const none = document.getElementById('select-none');

    function refresh() {
        const checked = rows().filter(box => box.checked).length;
        const n = allMatching.disabled ? checked : matching;
        document.getElementById('selection-count').textContent = n === 0 ? w.noneSelected : count('selected', n);
        none.hidden = n === 0;
        list.querySelectorAll('button[name="act"]').forEach(button => { button.disabled = n === 0; });
        header.checked = checked > 0 && checked === rows().length;
        header.indeterminate = checked > 0 && checked < rows().length;
    }

    /** After a job started: nothing selected any more (the course screen has no selection, so nothing to clear). */
    function clearSelection() {
        if (!list) return;
        allMatching.disabled = true;
        rows().forEach(box => { box.checked = false; });
        refresh();
    }

    header.hidden = false;
    document.getElementById('select-page').hidden = true;
    header.addEventListener('change', () => {
        allMatching.disabled = true;
        rows().forEach(box => { box.checked = header.checked; });
        refresh();
    });
    list.addEventListener('change', e => {
        if (e.target.name !== 'userIds') return;
        allMatching.disabled = true; // one row changed: the selection is rows again, not the whole filter
        refresh();
    });
    document.getElementById('select-matching').addEventListener('click', e => {
        e.preventDefault();
        allMatching.disabled = false;
        rows().forEach(box => { box.checked = true; });
        refresh();
    });
    none.addEventListener('click', e => {
        e.preventDefault();
        clearSelection();
    });
    refresh();
})();
