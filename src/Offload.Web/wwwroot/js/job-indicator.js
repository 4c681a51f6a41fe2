// The arrow icon in the top bar (seed point 9) and its notification area: shown while the user's own jobs
// run or finished ones wait unread; running jobs move live, finished ones show their outcome and can be
// marked read. Without this script the arrow is a plain link to /notifications.
(() => {
    'use strict';
    const holder = document.getElementById('job-indicator');
    const template = document.getElementById('job-indicator-template');
    if (!holder || !template) return;
    const me = Number(template.dataset.me);
    /** id → job JSON, or null while only its id is known (from the server-rendered page). */
    const running = new Map(template.dataset.running.split(' ').filter(Boolean).map(id => [id, null]));
    let unread = Number(template.dataset.unread);
    let notices = [];
    let open = false;

    const find = selector => holder.querySelector(selector);

    function render() {
        if (running.size === 0 && unread === 0 && !open) {
            holder.replaceChildren();
            return;
        }
        if (!find('#job-arrow')) holder.append(template.content.cloneNode(true));
        find('#job-arrow').classList.toggle('running', running.size > 0);
        find('#job-arrow').setAttribute('aria-expanded', String(open));
        find('#job-unread').hidden = unread === 0;
        find('.job-unread-count').textContent = OffloadJobs.numbers.format(unread);
        find('#job-panel').hidden = !open;
        if (open) renderPanel();
    }

    function renderPanel() {
        const jobs = [...running.values()].filter(Boolean);
        find('.job-panel-running').replaceChildren(...jobs.map(job => {
            const li = find('.job-panel-running-item').content.firstElementChild.cloneNode(true);
            li.dataset.jobId = job.id;
            li.querySelector('.job-title').textContent = job.description;
            li.querySelector('.job-title').href = '/jobs/' + job.id;
            li.querySelector('.job-percent').textContent = OffloadJobs.setProgress(li.querySelector('[role=progressbar]'), job.percent);
            return li;
        }));
        find('.job-panel-no-running').hidden = jobs.length > 0;
        find('.job-panel-finished').replaceChildren(...notices.map(notice => {
            const li = find('.job-panel-finished-item').content.firstElementChild.cloneNode(true);
            li.dataset.noticeId = notice.id;
            li.classList.toggle('read', notice.read);
            li.querySelector('.notice-title').textContent = notice.title;
            li.querySelector('.notice-title').href = '/jobs/' + notice.jobId;
            OffloadTime.show(li.querySelector('.notice-time'), notice.createdAt);
            li.querySelector('.mark-read').hidden = notice.read;
            return li;
        }));
        find('.job-panel-no-finished').hidden = notices.length > 0;
    }

    async function loadNotices() {
        const page = await OffloadJobs.getJson('/api/notifications');
        unread = page.unread;
        notices = page.items;
    }

    async function loadRunning() {
        const page = await OffloadJobs.getJson('/api/jobs?scope=mine&limit=100');
        running.clear();
        page.items.filter(j => OffloadJobs.isUnfinished(j.status)).forEach(j => running.set(j.id, j));
    }

    async function toggle() {
        open = !open;
        if (open) await Promise.all([loadNotices(), loadRunning()]);
        render();
    }

    async function markRead(li) {
        const id = Number(li.dataset.noticeId);
        const response = await OffloadJobs.send('POST', '/api/notifications/' + id + '/read');
        if (!response.ok) return;
        const notice = notices.find(x => x.id === id);
        if (notice && !notice.read) {
            notice.read = true;
            unread = Math.max(0, unread - 1);
        }
        render();
    }

    async function onJob(job) {
        if (job.deleted) {
            if (!running.delete(job.id) && !open) return;
            if (open) await loadNotices(); // a deleted job's notification goes with it
        } else if (job.owner.id !== me) {
            return;
        } else if (OffloadJobs.isUnfinished(job.status)) {
            running.set(job.id, job);
        } else {
            running.delete(job.id);
            await loadNotices(); // its notification was written with its final state
        }
        render();
    }

    holder.addEventListener('click', e => {
        if (e.target.closest('#job-arrow')) {
            e.preventDefault();
            toggle();
        } else if (e.target.closest('.mark-read')) {
            markRead(e.target.closest('li'));
        }
    });
    document.addEventListener('keydown', e => {
        if (e.key === 'Escape' && open) {
            open = false;
            render();
            find('#job-arrow')?.focus();
        }
    });
    document.addEventListener('offload:job', e => onJob(e.detail));
    document.addEventListener('offload:resync', async () => {
        await Promise.all([loadNotices(), loadRunning()]);
        render();
    });
})();
