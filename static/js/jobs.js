// Export and import pages: follow the progress of jobs until they finish.
(function () {
  "use strict";
  const getJson = function (url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      });
  };

  // The export list: update each unfinished row in place.
  const list = document.querySelector("[data-jobs-status]");
  if (list) {
    const template = document.getElementById("download-link");
    const update = function (job) {
      const row = list.querySelector('tr[data-job="' + job.id + '"]');
      if (!row) { return; }
      row.querySelector("[data-role=status]").textContent = job.status_label;
      const bar = row.querySelector("[data-role=progress]");
      bar.value = job.progress;
      bar.classList.toggle("d-none", job.finished);
      row.querySelector("[data-role=error]").textContent = job.error || "";
      row.querySelector("[data-role=rows]").textContent =
        job.rows === null ? "" : job.rows.toLocaleString();
      const cell = row.querySelector("[data-role=download]");
      if (job.download_url && !cell.querySelector("a")) {
        const link = template.content.firstElementChild.cloneNode(true);
        link.href = job.download_url;
        cell.replaceChildren(link);
      }
      row.setAttribute("data-finished", job.finished ? "true" : "false");
    };
    const poll = function () {
      if (!list.querySelector('tr[data-finished="false"]')) { return; }
      getJson(list.getAttribute("data-jobs-status"))
        .then(function (data) {
          data.jobs.forEach(update);
          window.setTimeout(poll, 2000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1000);
  }

  // One import: show progress, then the finished page.
  const box = document.querySelector("[data-import-status]");
  if (box && box.getAttribute("data-finished") === "false") {
    const bar = box.querySelector("[data-role=progress]");
    const stage = box.querySelector("[data-role=stage]");
    const follow = function () {
      getJson(box.getAttribute("data-import-status"))
        .then(function (data) {
          if (bar) { bar.value = data.progress; }
          stage.textContent = data.stage_label;
          if (data.finished) {
            window.location.reload();
          } else {
            window.setTimeout(follow, 2000);
          }
        })
        .catch(function () { window.setTimeout(follow, 5000); });
    };
    window.setTimeout(follow, 1000);
  }
}());
