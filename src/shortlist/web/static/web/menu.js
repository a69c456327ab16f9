// The navigation folds behind a Menu button on narrow screens (issue 12: usable at 390 px).
// Without this script the links simply wrap; the button stays hidden.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-toggle");
  const nav = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!button || !nav) return;
  const bar = button.closest(".topbar");
  bar.classList.add("collapsible");
  button.hidden = false;
  const set = (open) => {
    bar.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => set(!bar.classList.contains("open")));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && bar.classList.contains("open")) {
      set(false);
      button.focus();
    }
  });
});
