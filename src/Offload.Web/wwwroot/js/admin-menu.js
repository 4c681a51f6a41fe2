// The Admin Menu is a <details>, so it opens and closes without script. This adds what people expect of a menu
// button: Escape closes it and puts focus back on the gear, and a click anywhere else closes it.
(() => {
    'use strict';
    const menu = document.getElementById('admin-menu');
    if (!menu) return;
    document.addEventListener('keydown', e => {
        if (e.key === 'Escape' && menu.open) {
            menu.open = false;
            menu.querySelector('summary').focus();
        }
    });
    document.addEventListener('click', e => {
        if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
})();
