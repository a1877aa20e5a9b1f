// Draws the leaderboard's history chart from the JSON in its canvas's data-history attribute: each
// published run a point, the best Recall@20 so far a step line. The same numbers are in a table beside it.
(function () {
    const canvas = document.getElementById("history-chart");
    if (!canvas) {
        return;
    }

    const data = JSON.parse(canvas.dataset.history);
    // The axis reaches at least half an hour either side of the runs: seen in the screenshots, one run alone
    // (or runs a second apart) gave an axis spread over days, or six ticks reading the same second.
    const times = data.points.map(function (p) { return p.x; });
    const first = Math.min.apply(null, times);
    const last = Math.max.apply(null, times);
    const pad = Math.max((last - first) * 0.05, 1800000);
    const min = first - pad;
    const max = last + pad;
    // Dates alone when the axis spans days, else the day and the minute.
    const tick = function (ms) {
        const iso = new Date(ms).toISOString();
        return max - min >= 2 * 86400000 ? iso.slice(0, 10) : iso.slice(5, 10) + " " + iso.slice(11, 16);
    };
    const when = function (ms) {
        const iso = new Date(ms).toISOString();
        return iso.slice(0, 10) + " " + iso.slice(11, 16);
    };
    new Chart(canvas, {
        type: "scatter",
        data: {
            datasets: [
                { label: "Best so far", data: data.best, showLine: true, stepped: "before", borderColor: "#1f3f7a", backgroundColor: "#1f3f7a", pointRadius: 0, borderWidth: 2 },
                { label: "Published runs", data: data.points, borderColor: "#d62728", backgroundColor: "rgba(214, 39, 40, 0.6)", pointRadius: 4 },
            ],
        },
        options: {
            animation: false,
            maintainAspectRatio: false,
            scales: {
                x: { type: "linear", title: { display: true, text: "Submitted (UTC)" }, min: min, max: max, ticks: { callback: tick, maxTicksLimit: 6 } },
                y: { beginAtZero: true, title: { display: true, text: "Recall@20" } },
            },
            plugins: {
                tooltip: {
                    callbacks: {
                        label: function (item) {
                            const label = item.raw.label ? item.raw.label + ": " : "Best: ";
                            return label + item.raw.y.toFixed(4) + " (" + when(item.raw.x) + " UTC)";
                        },
                    },
                },
            },
        },
    });
})();
