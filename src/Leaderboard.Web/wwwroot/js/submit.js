// The submission form: a file over the portal's limit (data-max-bytes on the file field) is refused here,
// before the browser spends minutes sending what the portal would refuse from the request's headers.
(function () {
    const input = document.querySelector("input[type=file][data-max-bytes]");
    const problem = document.querySelector("[data-field=size]");
    if (!input || !problem) {
        return;
    }

    const max = Number(input.dataset.maxBytes);
    input.form.addEventListener("submit", event => {
        const file = input.files[0];
        const sendsFile = input.form.querySelector("input[name=Source][value=File]").checked;
        if (sendsFile && file && file.size > max) {
            event.preventDefault();
            problem.textContent = `The file is ${(file.size / 1048576).toFixed(1)} MiB, over the limit of ${Math.floor(max / 1048576)} MiB: compress it with gzip and choose it again.`;
            problem.hidden = false;
        }
    });
})();
