// "Add a row" on a record's inline rows: copies the empty row and counts it in the
// formset's management form, so that the server reads it.
document.querySelectorAll("[data-rows]").forEach((part) => {
  const prefix = part.dataset.rows;
  const total = part.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const template = part.querySelector("template[data-rows-template]");
  const body = part.querySelector("[data-rows-body]");
  const add = part.querySelector("[data-rows-add]");
  if (!total || !template || !body || !add) {
    return;
  }
  add.addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const first = body.lastElementChild?.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
  });
});
