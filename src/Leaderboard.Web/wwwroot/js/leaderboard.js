// Filters the leaderboard's rows as the reader types in the search box. Without this script the box is
// part of the form and the server filters the same way (?q=), so the page works either way.
(function () {
    const box = document.getElementById("board-search");
    const rows = document.querySelectorAll("table.board tbody tr[data-search]");
    const count = document.querySelector("[data-row-count]");
    if (!box || rows.length === 0) {
        return;
    }

    function filter() {
        const needle = box.value.trim().toLowerCase();
        let shown = 0;
        rows.forEach(function (row) {
            const match = needle === "" || row.dataset.search.includes(needle);
            row.hidden = !match;
            shown += match ? 1 : 0;
        });
        if (count) {
            count.textContent = needle === "" ? shown + " rows" : shown + " of " + rows.length + " rows match “" + box.value.trim() + "”";
        }
    }

    box.addEventListener("input", filter);
})();
