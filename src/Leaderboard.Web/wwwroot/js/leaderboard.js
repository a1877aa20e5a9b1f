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

// The column picker works by CSS alone (its checkboxes and :has()); this script only remembers the reader's
// choice in this browser, for every track. Storage can be refused (private windows, policies): then the
// picker still works, it just forgets.
(function () {
    document.querySelectorAll(".board-tools input[type=checkbox][data-remember]").forEach(function (box) {
        const key = "leaderboard." + box.dataset.remember;
        try {
            const saved = localStorage.getItem(key);
            if (saved !== null) {
                box.checked = saved === "shown";
            }
        } catch (e) {
            return;
        }

        box.addEventListener("change", function () {
            try {
                localStorage.setItem(key, box.checked ? "shown" : "hidden");
            } catch (e) {
                // Not remembered; the columns follow the box all the same.
            }
        });
    });
})();
