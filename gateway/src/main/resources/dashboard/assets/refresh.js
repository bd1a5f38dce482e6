// A page's refresh on a timer: at the interval chosen in the page's #interval select (kept for the session), on the
// #refresh button, and when the tab comes back into view; never while the tab is hidden, never two loads at once.
const INTERVAL_ITEM = 'vigil.refreshSeconds';

/** Loads now and from then on as above; returns the function that refreshes at once (for the key form). */
export function autoRefresh(load) {
    const interval = document.getElementById('interval');
    let timer = 0;
    let loading = false;

    function schedule() {
        clearTimeout(timer);
        const seconds = Number(interval.value);
        if (seconds > 0) {
            timer = setTimeout(() => (document.hidden ? schedule() : refresh()), seconds * 1000);
        }
    }

    async function refresh() {
        if (loading) {
            return;
        }
        loading = true;
        clearTimeout(timer);
        try {
            await load();
        } finally {
            loading = false;
            schedule();
        }
    }

    const saved = sessionStorage.getItem(INTERVAL_ITEM);
    if (saved !== null && [...interval.options].some((option) => option.value === saved)) {
        interval.value = saved;
    }
    interval.addEventListener('change', () => {
        sessionStorage.setItem(INTERVAL_ITEM, interval.value);
        schedule();
    });
    document.getElementById('refresh').addEventListener('click', refresh);
    document.addEventListener('visibilitychange', () => {
        if (!document.hidden && Number(interval.value) > 0) {
            refresh();
        }
    });
    refresh();
    return refresh;
}
