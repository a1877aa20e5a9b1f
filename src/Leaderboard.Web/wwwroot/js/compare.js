// Draws the compare page's charts from the JSON in each canvas's data-chart attribute.
(function () {
    const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
        const data = JSON.parse(canvas.dataset.chart);
        data.datasets.forEach(function (set, i) {
            set.backgroundColor = palette[i % palette.length];
        });
        new Chart(canvas, {
            type: "bar",
            data: data,
            options: {
                animation: false,
                scales: { y: { beginAtZero: true, title: { display: true, text: "Recall@20" } } },
            },
        });
    });
})();
