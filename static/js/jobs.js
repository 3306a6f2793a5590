// Jobs (exports, imports, reports): follow each unfinished job until it finishes.
//
// One mechanism for every page. An element with data-job-status="<url>" is polled:
// the URL answers one job {id, status, status_label, progress, finished, error,
// download_url?} or a list {jobs: [...]}, and each job updates the element
// data-job="<id>" inside it (or the element itself): its [data-role=status] text,
// [data-role=progress] bar, [data-role=percent], [data-role=error] and
// data-finished. A finished job whose element says data-job-reload reloads the page,
// which then shows what the job made. Buttons marked data-job-busy stay disabled while
// any job on the page is unfinished, so a second click cannot start a second job.
(function () {
  "use strict";
  const getJson = function (url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      });
  };
  const setText = function (element, role, text) {
    const target = element.querySelector("[data-role=" + role + "]");
    if (target) { target.textContent = text; }
  };
  const unfinished = function (root) {
    return (root || document).querySelectorAll('[data-job][data-finished="false"]');
  };

  const busyButtons = function () {
    const busy = unfinished().length > 0;
    document.querySelectorAll("[data-job-busy]").forEach(function (button) {
      button.disabled = busy;
      if (busy) {
        button.setAttribute("aria-disabled", "true");
      } else {
        button.removeAttribute("aria-disabled");
      }
      const note = document.getElementById(button.getAttribute("data-job-busy"));
      if (note) { note.hidden = !busy; }
    });
  };

  const update = function (element, job) {
    setText(element, "status", job.status_label);
    setText(element, "percent", job.progress);
    setText(element, "error", job.error || "");
    if (job.rows !== undefined) {
      setText(element, "rows", job.rows === null ? "" : job.rows.toLocaleString());
    }
    const bar = element.querySelector("[data-role=progress]");
    if (bar) {
      bar.value = job.progress;
      bar.textContent = job.progress + " %";
      bar.hidden = job.finished;
    }
    const cell = element.querySelector("[data-role=download]");
    const template = document.getElementById("download-link");
    if (job.download_url && cell && template && !cell.querySelector("a")) {
      const link = template.content.firstElementChild.cloneNode(true);
      link.href = job.download_url;
      cell.replaceChildren(link);
    }
    element.setAttribute("data-status", job.status);
    element.setAttribute("data-finished", job.finished ? "true" : "false");
    if (job.finished && element.hasAttribute("data-job-reload")) {
      window.location.reload();
    }
  };

  const follow = function (source) {
    const url = source.getAttribute("data-job-status");
    const poll = function () {
      if (unfinished(source).length === 0 && source.getAttribute("data-finished") !== "false") {
        busyButtons();
        return;
      }
      getJson(url)
        .then(function (data) {
          (data.jobs || [data]).forEach(function (job) {
            const element = source.getAttribute("data-job") === String(job.id)
              ? source
              : source.querySelector('[data-job="' + job.id + '"]');
            if (element) { update(element, job); }
          });
          busyButtons();
          window.setTimeout(poll, 1500);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1000);
  };

  busyButtons();
  document.querySelectorAll("[data-job-status]").forEach(follow);
}());
