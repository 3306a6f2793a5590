// Checks as you type: a form with data-check-url posts what is typed so far (after a
// pause) and shows the server's answer beside the fields: errors, warnings, the fields
// that do not apply (hidden) and what is still needed before submission. The rules
// live on the server; this only shows its answer.
"use strict";
(function () {
  const form = document.querySelector("form[data-check-url]");
  if (!form) return;
  const missingPanel = document.querySelector('[data-testid="live-missing"]');
  let timer = null;
  let sent = 0;

  function inputOf(name) {
    return form.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  function clear() {
    form.querySelectorAll("[data-live-message]").forEach((el) => el.remove());
    form.querySelectorAll(".is-invalid[data-live-invalid]").forEach((el) => {
      el.classList.remove("is-invalid");
      el.removeAttribute("data-live-invalid");
      el.removeAttribute("aria-invalid");
    });
  }

  // Beside the field; in a table, on a full-width row under the field's row, so that
  // a narrow cell on a phone is not squeezed.
  function place(input, note) {
    const row = input.closest("tr");
    if (row) {
      const line = document.createElement("tr");
      const cell = document.createElement("td");
      cell.colSpan = row.cells.length;
      cell.className = "border-0 pt-0";
      line.dataset.liveMessage = note.dataset.liveMessage;
      cell.appendChild(note);
      line.appendChild(cell);
      row.after(line);
      return;
    }
    (input.closest(".mb-3, [data-field-wrapper]") || input.parentElement).appendChild(note);
  }

  function show(name, messages, kind) {
    const input = inputOf(name);
    if (!input) return;
    messages.forEach((text) => {
      const note = document.createElement("div");
      note.dataset.liveMessage = kind;
      note.dataset.liveFor = name;
      note.className = kind === "error" ? "invalid-feedback d-block" : "form-text text-warning-emphasis";
      note.textContent = text;
      place(input, note);
    });
    if (kind === "error" && !input.classList.contains("is-invalid")) {
      input.classList.add("is-invalid");
      input.setAttribute("data-live-invalid", "");
      input.setAttribute("aria-invalid", "true");
    }
  }

  function applyHidden(hidden) {
    form.querySelectorAll("[data-field-wrapper]").forEach((wrapper) => {
      wrapper.hidden = hidden.includes(wrapper.dataset.fieldWrapper);
    });
  }

  function showMissing(missing) {
    if (!missingPanel) return;
    const list = missingPanel.querySelector("ul");
    list.replaceChildren(
      ...missing.map((item) => {
        const li = document.createElement("li");
        li.textContent = item.charAt(0).toUpperCase() + item.slice(1);
        return li;
      }),
    );
    missingPanel.hidden = missing.length === 0;
  }

  async function check() {
    const mine = ++sent;
    const data = new FormData(form);
    let answer;
    try {
      const response = await fetch(form.dataset.checkUrl, {
        method: "POST",
        body: data,
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      answer = await response.json();
    } catch (error) {
      return; // offline or the server busy: saving still checks everything
    }
    if (mine !== sent) return; // an older answer arriving late
    clear();
    Object.entries(answer.errors).forEach(([name, messages]) => show(name, messages, "error"));
    Object.entries(answer.warnings).forEach(([name, messages]) => show(name, messages, "warning"));
    applyHidden(answer.hidden);
    showMissing(answer.missing);
    form.dataset.checked = String(mine);
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
