// Draws the compare page's charts from the JSON in each canvas's data-chart attribute. Bars whose points
// carry yMin/yMax get their 95 % interval as an error bar (chartjs-chart-error-bars).
(function () {
    const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
        const data = JSON.parse(canvas.dataset.chart);
        const withIntervals = data.datasets.some(function (set) {
            return set.data.some(function (point) { return point !== null && typeof point === "object" && "yMin" in point; });
        });
        data.datasets.forEach(function (set, i) {
            set.backgroundColor = data.datasets.length === 1 ? palette.slice(0, set.data.length) : palette[i % palette.length];
        });
        new Chart(canvas, {
            type: withIntervals ? "barWithErrorBars" : "bar",
            data: data,
            options: {
                animation: false,
                maintainAspectRatio: false,
                plugins: { legend: { display: data.datasets.length > 1 } },
                scales: { y: { beginAtZero: true, title: { display: true, text: data.measure } } },
            },
        });
    });
})();
