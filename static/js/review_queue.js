// Review queue: select every record on the page at once, and show how many are selected.
(function () {
  "use strict";
  const all = document.getElementById("select-all");
  const count = document.getElementById("selected-count");
  const boxes = Array.from(
    document.querySelectorAll('input[name="records"][form="bulk-form"]:not(:disabled)')
  );
  function show() {
    const n = boxes.filter(function (box) { return box.checked; }).length;
    if (count) {
      count.textContent = n ? n + " ✓" : "";
    }
    if (all) {
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    }
  }
  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      show();
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", show); });
  show();
})();
