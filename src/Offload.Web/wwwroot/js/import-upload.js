// Import users, step 1 with JavaScript: a drop zone for the file, the upload sent to the preview API with its
// progress shown, then the preview step's content swapped in without a full reload. Without JavaScript the same
// form posts to the page and the server answers with the preview page (or the refusal next to the file field).
(() => {
    'use strict';

    function token() {
        return document.querySelector('meta[name="csrf-token"]')?.content ?? '';
    }

    /** Shows a refusal (problem+json) next to the file field; the region is role=alert, so it is read out. */
    function showError(box, title, detail) {
        box.replaceChildren();
        const strong = document.createElement('strong');
        strong.textContent = title;
        const span = document.createElement('span');
        span.textContent = detail ? ' ' + detail : '';
        box.append(strong, span);
    }

    /** Puts the page at url's main content in place of this one's, and its title. */
    async function swapTo(url, push) {
        const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
        if (!response.ok) {
            window.location.assign(url);
            return;
        }
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        const main = page.querySelector('main');
        if (!main) {
            window.location.assign(url);
            return;
        }
        document.querySelector('main').replaceChildren(...Array.from(main.childNodes).map(n => document.importNode(n, true)));
        document.title = page.title;
        if (push) history.pushState({ offloadImport: url }, '', url);
        document.querySelectorAll('main time[datetime]').forEach(el => window.OffloadTime?.show(el));
        document.querySelector('main h1')?.setAttribute('tabindex', '-1');
        document.querySelector('main h1')?.focus();
    }

    function enhance(form) {
        const input = form.querySelector('input[type="file"]');
        const zone = form.querySelector('#drop-zone');
        const shown = form.querySelector('#drop-file');
        const error = form.querySelector('#import-error');
        const progress = form.querySelector('#import-progress');
        const submit = form.querySelector('button[type="submit"]');
        zone.hidden = false;

        const showName = () => { shown.textContent = input.files.length ? input.files[0].name : ''; };
        input.addEventListener('change', showName);
        ['dragenter', 'dragover'].forEach(type => zone.addEventListener(type, e => {
            e.preventDefault();
            zone.classList.add('dragging');
        }));
        ['dragleave', 'drop'].forEach(type => zone.addEventListener(type, () => zone.classList.remove('dragging')));
        zone.addEventListener('drop', e => {
            e.preventDefault();
            if (!e.dataTransfer?.files.length) return;
            input.files = e.dataTransfer.files;
            showName();
        });

        form.addEventListener('submit', e => {
            e.preventDefault();
            if (!input.files.length) {
                input.reportValidity();
                return;
            }
            const body = new FormData();
            body.append('updateExisting', form.querySelector('[name="updateExisting"]').checked ? 'true' : 'false');
            body.append('file', input.files[0], input.files[0].name);
            // XMLHttpRequest, not fetch: only it reports an upload's progress.
            const request = new XMLHttpRequest();
            request.open('POST', form.dataset.api);
            request.setRequestHeader('RequestVerificationToken', token());
            request.setRequestHeader('Accept', 'application/json');
            request.upload.addEventListener('progress', p => {
                if (p.lengthComputable) progress.value = Math.round(100 * p.loaded / p.total);
            });
            request.addEventListener('load', async () => {
                let answer = null;
                try { answer = JSON.parse(request.responseText); } catch { /* not JSON: a proxy's page */ }
                if (request.status === 201 && answer?.id) {
                    await swapTo(form.dataset.preview + answer.id, true);
                    return;
                }
                progress.hidden = true;
                submit.disabled = false;
                showError(error, answer?.title ?? request.statusText, answer?.detail ?? '');
            });
            request.addEventListener('error', () => {
                progress.hidden = true;
                submit.disabled = false;
                showError(error, form.dataset.failed ?? 'The upload failed.', '');
            });
            error.replaceChildren();
            progress.value = 0;
            progress.hidden = false;
            submit.disabled = true;
            request.send(body);
        });
    }

    window.addEventListener('popstate', () => window.location.reload());
    document.addEventListener('DOMContentLoaded', () => {
        const form = document.getElementById('import-form');
        if (form) enhance(form);
    });
})();
