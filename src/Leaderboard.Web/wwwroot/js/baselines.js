// Live progress of the baseline runs on the organizers' baselines page: polls the progress URL (from a data
// attribute, so the page needs no inline script), updates the counts of running runs in place, and reloads
// the page when a row would read differently otherwise (a queued re-run starting, a run ending, its
// submission scored). It keeps polling while the page is open, so that re-runs queued meanwhile show up.
(function () {
    const table = document.querySelector("table[data-progress-url]");
    const url = table && table.dataset.progressUrl;
    if (!url) {
        return;
    }

    function rowOf(run) {
        return Array.from(table.querySelectorAll("tr[data-baseline]"))
            .find(row => row.dataset.baseline === run.baseline && row.dataset.track === run.track);
    }

    async function poll() {
        // A tab in the background needs no progress; it catches up on the next tick after it is shown.
        if (!document.hidden) {
            try {
                const response = await fetch(url, { headers: { "Accept": "application/json" } });
                if (response.ok) {
                    const runs = await response.json();
                    for (const run of runs) {
                        const row = rowOf(run);
                        if (!row || row.dataset.version !== run.version) {
                            window.location.reload();
                            return;
                        }

                        if (run.is_running) {
                            const bar = row.querySelector("progress");
                            bar.max = run.total;
                            bar.value = run.done;
                            row.querySelector("[data-field=count]").textContent = run.done + " / " + run.total;
                            row.querySelector("[data-field=updated]").textContent = run.updated;
                        }
                    }
                }
            } catch (e) {
                // A failed poll is retried on the next tick.
            }
        }
        setTimeout(poll, 2000);
    }

    setTimeout(poll, 2000);
})();
