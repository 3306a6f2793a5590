// Live classification preview on the principles assessment page.
// Posts the form as it is to the preview endpoint whenever a rating changes and
// shows the result; nothing is saved. Without JavaScript the panel shows the saved
// result and the page works the same.
"use strict";

(() => {
  const form = document.getElementById("assessment-form");
  const panel = document.getElementById("classification-panel");
  if (!form || !panel || !window.fetch) {
    return;
  }
  const url = form.dataset.previewUrl;
  const title = panel.querySelector("[data-panel-title]");
  const badges = document.querySelectorAll("[data-panel-classification]");
  const reasons = panel.querySelector("[data-panel-reasons]");
  const rule = panel.querySelector("[data-panel-rule]");
  const failure = panel.querySelector("[data-panel-error]");

  let timer = null;
  let latest = 0;

  const show = (result) => {
    title.textContent = title.dataset.previewTitle;
    badges.forEach((badge) => {
      badge.textContent = result.label;
      badge.className = `badge badge-class-${result.classification}`;
    });
    Object.entries(result.principles).forEach(([code, principle]) => {
      const item = panel.querySelector(`[data-principle="${code}"] [data-principle-rating]`);
      if (item) {
        item.textContent = principle.label;
        item.className = `rating-${principle.rating}`;
      }
    });
    reasons.replaceChildren(
      ...result.reasons.map((reason) => {
        const li = document.createElement("li");
        li.textContent = reason;
        return li;
      }),
    );
    rule.textContent = result.rule_version;
    failure.classList.add("d-none");
  };

  const preview = async () => {
    const request = ++latest;
    const body = new FormData(form);
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        headers: {
          "X-CSRFToken": body.get("csrfmiddlewaretoken"),
          Accept: "application/json",
        },
        credentials: "same-origin",
      });
      if (!response.ok) {
        throw new Error(`preview answered ${response.status}`);
      }
      const result = await response.json();
      // A slower answer to an older request must not overwrite a newer one.
      if (request === latest) {
        show(result);
      }
    } catch (error) {
      failure.classList.remove("d-none");
    }
  };

  form.addEventListener("change", (event) => {
    if (event.target.type === "radio") {
      clearTimeout(timer);
      timer = setTimeout(preview, 150);
    }
  });
})();
