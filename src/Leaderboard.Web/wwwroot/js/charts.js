// Draws the leaderboard's history chart from the JSON in its canvas's data-history attribute: each
// published run a point, the best Recall@20 so far a step line. The same numbers are in a table beside it.
(function () {
    const canvas = document.getElementById("history-chart");
    if (!canvas) {
        return;
    }

    const data = JSON.parse(canvas.dataset.history);
    // Dates alone when the runs span days; with the time when they all fall within two days; to the second
    // within an hour, so that the axis's ticks never all read the same minute.
    const times = data.points.map(function (p) { return p.x; });
    const span = Math.max.apply(null, times) - Math.min.apply(null, times);
    const day = function (ms) {
        const iso = new Date(ms).toISOString();
        return span >= 2 * 86400000 ? iso.slice(0, 10)
            : span >= 3600000 ? iso.slice(5, 10) + " " + iso.slice(11, 16)
            : iso.slice(11, 19);
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
                x: { type: "linear", title: { display: true, text: "Submitted (UTC)" }, ticks: { callback: day, maxTicksLimit: 6 } },
                y: { beginAtZero: true, title: { display: true, text: "Recall@20" } },
            },
            plugins: {
                tooltip: {
                    callbacks: {
                        label: function (item) {
                            const label = item.raw.label ? item.raw.label + ": " : "Best: ";
                            return label + item.raw.y.toFixed(4) + " (" + day(item.raw.x) + ")";
                        },
                    },
                },
            },
        },
    });
})();
