// Report pages: follow a compiling report's progress, then show the finished page.
(function () {
  "use strict";
  const box = document.querySelector("[data-report-progress]");
  if (box) {
    const url = box.getAttribute("data-report-progress");
    const bar = box.querySelector("progress");
    const percent = box.querySelector("[data-role=percent]");
    const status = box.querySelector("[data-role=status]");
    const poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          bar.value = data.progress;
          percent.textContent = data.progress;
          status.textContent = data.status_label;
          if (data.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, 2000);
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1500);
    return;
  }
  // Lists: reload while a version is still queued or running.
  const pending = document.querySelector("[data-status=queued], [data-status=running]");
  if (pending) {
    window.setTimeout(function () { window.location.reload(); }, 4000);
  }
}());
