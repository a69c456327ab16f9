// The client shortlist (issue 12): Move up / Move down buttons reorder the candidates and renumber their
// Position fields, which are what the server reads. Without JavaScript the buttons stay hidden and the
// recruiter types the positions. Loaded as a file (no inline script: CSP).
"use strict";

(function () {
  function rows(list) {
    return Array.from(list.querySelectorAll("[data-export-row]"));
  }

  function renumber(list) {
    rows(list).forEach((row, index) => {
      const field = row.querySelector("[data-position]");
      if (field) field.value = String(index + 1);
    });
  }

  function move(button) {
    const row = button.closest("[data-export-row]");
    const list = row && row.parentElement;
    if (!list) return;
    const up = button.dataset.move === "up";
    const other = up ? row.previousElementSibling : row.nextElementSibling;
    if (!other) return;
    list.insertBefore(up ? row : other, up ? other : row);
    renumber(list);
    button.focus(); // keyboard users keep their place on the moved row
    const status = document.getElementById("export-order-status");
    if (status) status.textContent = `${row.dataset.who} moved to position ${rows(list).indexOf(row) + 1}`;
  }

  function start() {
    const list = document.querySelector(".export-rows");
    if (!list) return;
    renumber(list);
    list.querySelectorAll("[data-move]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => move(button));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
