// Every form that changes something is sent once: its submit buttons are disabled as
// soon as it is sent, and enabled again when the page is shown from the back-forward
// cache. A form marked data-submit-repeatable (or opening elsewhere) is left alone.
(function () {
  "use strict";
  const submitButtons = function (form) {
    return Array.from(form.elements).filter(function (el) {
      return el.type === "submit";
    });
  };

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) { return; }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") { return; }
    if (form.target || form.hasAttribute("data-submit-repeatable")) { return; }
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    // Disabled only after the browser has read the form: a disabled submitter would
    // leave out its own name and value ("save" versus "submit").
    window.setTimeout(function () {
      submitButtons(form).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
      submitButtons(form).forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      });
    });
  });
})();
