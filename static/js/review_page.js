// Review page: add another "field → comment" line to the decision form (a Django formset).
(function () {
  "use strict";
  const button = document.querySelector("[data-add-field-comment]");
  const list = document.getElementById("field-comments");
  const template = document.getElementById("field-comment-template");
  if (!button || !list || !template) {
    return;
  }
  const prefix = list.dataset.prefix;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
  button.hidden = false;
  button.addEventListener("click", function () {
    const index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) {
      return;
    }
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const select = list.lastElementChild.querySelector("select");
    if (select) {
      select.focus();
    }
  });
})();
