// Live status of a submission in progress: polls its status URL (from a data attribute, so the page
// needs no inline script), updates the status and, for a container image, its progress ("running for
// N s"), and reloads the page once the submission reaches a final state. Polls start every second and
// slow down to every 5 s, so that a container running for half an hour costs little.
(function () {
    const box = document.querySelector("[data-status-url]");
    const url = box && box.dataset.statusUrl;
    if (!url) {
        return;
    }

    const container = document.querySelector("[data-field=container]");
    let delay = 1000;

    async function poll() {
        try {
            const response = await fetch(url, { headers: { "Accept": "application/json" } });
            if (response.ok) {
                const status = await response.json();
                box.querySelector("[data-field=status]").textContent = status.status;
                box.querySelector("[data-field=message]").textContent = status.message;
                if (container && status.container) {
                    container.textContent = status.container;
                }
                if (!status.in_progress) {
                    window.location.reload();
                    return;
                }
            }
        } catch (e) {
            // A failed poll is retried on the next tick.
        }
        delay = Math.min(delay * 1.25, 5000);
        setTimeout(poll, delay);
    }

    setTimeout(poll, delay);
})();
