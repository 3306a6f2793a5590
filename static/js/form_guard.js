// Long forms (data-long-form): Enter in a one-line field does not send the form (a
// textarea keeps its new lines), and leaving with unsaved changes asks first; sending
// the form itself never asks.
"use strict";
(function () {
  document.querySelectorAll("form[data-long-form]").forEach((form) => {
    const initial = new URLSearchParams(new FormData(form)).toString();
    let sending = false;

    form.addEventListener("keydown", (event) => {
      const target = event.target;
      if (event.key !== "Enter" || event.isComposing) return;
      if (!(target instanceof HTMLInputElement)) return;
      if (["submit", "button", "checkbox", "radio", "file"].includes(target.type)) return;
      event.preventDefault();
    });

    form.addEventListener("submit", () => {
      sending = true;
    });

    window.addEventListener("beforeunload", (event) => {
      if (sending) return;
      const now = new URLSearchParams(new FormData(form)).toString();
      if (now === initial) return;
      event.preventDefault();
      event.returnValue = "";
    });
  });
})();
