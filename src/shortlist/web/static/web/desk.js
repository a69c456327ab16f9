// The recruiter's desk (issue 12): chips for tag inputs, and the pipeline board's drag-and-drop, which is
// also keyboard-operable. Everything here is an enhancement: without JavaScript the inputs stay
// comma-separated text and the cards keep their Move forms. Loaded as a file (no inline script: CSP).
"use strict";

(function () {
  // --- chips -------------------------------------------------------------------------------------------
  const SUGGEST_URL = "/skills/suggest/";

  function splitTags(text) {
    return text.split(/[,\n]/).map((t) => t.trim()).filter((t) => t.length);
  }

  function chipify(input) {
    const skills = input.dataset.chips === "skills";
    const box = document.createElement("div");
    box.className = "chips";
    const entry = document.createElement("input");
    entry.type = "text";
    entry.className = "chip-entry";
    entry.setAttribute("aria-label", "Add to " + (input.labels[0] ? input.labels[0].textContent : "list"));
    entry.setAttribute("autocomplete", "off");
    let list = null;
    if (skills) {
      list = document.createElement("datalist");
      list.id = input.id + "-suggestions";
      entry.setAttribute("list", list.id);
      box.appendChild(list);
    }
    const labels = new Map(); // term -> "Go (golang)" once the taxonomy answered

    function terms() {
      return splitTags(input.value);
    }
    function sync(values) {
      input.value = values.join(", ");
      render();
    }
    function render() {
      box.querySelectorAll(".chip").forEach((c) => c.remove());
      terms().forEach((term) => {
        const chip = document.createElement("span");
        chip.className = "chip";
        const known = labels.get(term.toLowerCase());
        if (skills && known === null) chip.classList.add("free");
        chip.appendChild(document.createTextNode(known ? known.name : term));
        if (known && known.alias) {
          const alias = document.createElement("span");
          alias.className = "alias";
          alias.textContent = "(" + term + ")";
          chip.appendChild(alias);
        }
        if (skills && known === null) chip.title = "Not in the skills taxonomy: kept as free text";
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Remove " + term);
        remove.addEventListener("click", () => {
          sync(terms().filter((t) => t !== term));
          entry.focus();
        });
        chip.appendChild(remove);
        box.insertBefore(chip, entry);
      });
    }
    async function lookup(text) {
      if (!skills || !text.trim()) return [];
      try {
        const response = await fetch(SUGGEST_URL + "?q=" + encodeURIComponent(text), { credentials: "same-origin" });
        if (!response.ok) return [];
        return (await response.json()).skills;
      } catch (e) {
        return [];
      }
    }
    async function resolve(term) {
      if (!skills || labels.has(term.toLowerCase())) return;
      const found = await lookup(term);
      const norm = (s) => s.toLowerCase().replace(/[\s\-./]/g, "");
      const exact = found.find((s) => norm(s.name) === norm(term) || norm(s.id) === norm(term) || (s.alias && norm(s.alias) === norm(term)));
      labels.set(term.toLowerCase(), exact ? { name: exact.name, alias: norm(exact.name) !== norm(term) ? term : "" } : null);
      render();
    }
    function add(text) {
      const added = splitTags(text);
      if (!added.length) return;
      const current = terms();
      added.forEach((t) => {
        if (!current.some((c) => c.toLowerCase() === t.toLowerCase())) current.push(t);
        resolve(t);
      });
      sync(current);
      entry.value = "";
    }
    entry.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === ",") {
        if (entry.value.trim()) {
          event.preventDefault();
          add(entry.value);
        } else if (event.key === ",") {
          event.preventDefault();
        }
      } else if (event.key === "Backspace" && !entry.value) {
        sync(terms().slice(0, -1));
      }
    });
    entry.addEventListener("change", () => add(entry.value)); // a datalist pick
    entry.addEventListener("blur", () => add(entry.value));
    let timer = null;
    entry.addEventListener("input", () => {
      if (!list) return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const found = await lookup(entry.value);
        list.replaceChildren(
          ...found.map((s) => {
            const option = document.createElement("option");
            option.value = s.name;
            if (s.alias) option.label = s.name + " (also " + s.alias + ")";
            return option;
          })
        );
      }, 150);
    });
    input.classList.add("chips-input-hidden");
    input.setAttribute("tabindex", "-1");
    input.parentNode.insertBefore(box, input.nextSibling);
    box.appendChild(entry);
    if (input.labels[0]) input.labels[0].htmlFor = "";
    input.labels.length && input.labels[0].addEventListener("click", () => entry.focus());
    render();
    terms().forEach(resolve);
    // The form posts the hidden input; whatever is still being typed is added first.
    input.form && input.form.addEventListener("submit", () => add(entry.value));
  }

  // --- the board -----------------------------------------------------------------------------------------
  function announce(text) {
    const live = document.getElementById("board-live");
    if (live) live.textContent = text;
  }

  function stageLabel(board, stage) {
    const lane = board.querySelector('.lane[data-stage="' + stage + '"]');
    return lane ? lane.getAttribute("aria-label") : stage;
  }

  // Moves go through the card's own Move form, so the server's rules (and the reason) apply as for a click.
  function moveCard(card, stage) {
    const board = card.closest(".desk-board");
    const moves = (card.dataset.moves || "").split(" ");
    if (stage === card.dataset.stage) return;
    if (!moves.includes(stage)) {
      announce("Cannot move to " + stageLabel(board, stage) + " from here.");
      card.focus();
      return;
    }
    const form = card.querySelector("form.move");
    form.querySelector('select[name="to"]').value = stage;
    const note = form.querySelector('textarea[name="note"]');
    if ((card.dataset.reason || "").split(" ").includes(stage) && !note.value.trim()) {
      announce("Say why, then press Move.");
      note.placeholder = "Why? (needed for this move)";
      note.focus();
      return;
    }
    form.requestSubmit();
  }

  function enhanceBoard(board) {
    let dragged = null;
    board.addEventListener("dragstart", (event) => {
      const card = event.target.closest(".pipeline-card");
      if (!card) return;
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.application);
    });
    board.addEventListener("dragover", (event) => {
      const lane = event.target.closest(".lane");
      if (lane && dragged) {
        event.preventDefault();
        lane.classList.add("drop-target");
      }
    });
    board.addEventListener("dragleave", (event) => {
      const lane = event.target.closest(".lane");
      if (lane) lane.classList.remove("drop-target");
    });
    board.addEventListener("drop", (event) => {
      const lane = event.target.closest(".lane");
      if (!lane || !dragged) return;
      event.preventDefault();
      lane.classList.remove("drop-target");
      moveCard(dragged, lane.dataset.stage);
      dragged = null;
    });
    // Keyboard: Space/Enter on a focused card picks it up, arrows choose a lane, Space/Enter drops.
    let picked = null;
    let target = null;
    const lanes = () => Array.from(board.querySelectorAll(".lane"));
    function highlight(index) {
      lanes().forEach((l, i) => l.classList.toggle("drop-target", i === index));
      target = index;
      announce(lanes()[index].getAttribute("aria-label"));
    }
    function drop(cancel) {
      lanes().forEach((l) => l.classList.remove("drop-target"));
      const card = picked;
      picked.classList.remove("picked");
      picked = null;
      if (!cancel) moveCard(card, lanes()[target].dataset.stage);
      else announce("Move cancelled.");
    }
    board.addEventListener("keydown", (event) => {
      const card = event.target;
      if (!card.classList || !card.classList.contains("pipeline-card")) return;
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        if (picked) return drop(false);
        picked = card;
        card.classList.add("picked");
        highlight(lanes().findIndex((l) => l.dataset.stage === card.dataset.stage));
        announce("Picked up " + card.querySelector(".name").textContent + ". Use the arrow keys to choose a stage.");
      } else if (picked && (event.key === "ArrowRight" || event.key === "ArrowDown")) {
        event.preventDefault();
        highlight(Math.min(lanes().length - 1, target + 1));
      } else if (picked && (event.key === "ArrowLeft" || event.key === "ArrowUp")) {
        event.preventDefault();
        highlight(Math.max(0, target - 1));
      } else if (picked && event.key === "Escape") {
        drop(true);
      }
    });
  }

  function init(root) {
    root.querySelectorAll("input[data-chips]").forEach(chipify);
    root.querySelectorAll(".desk-board").forEach(enhanceBoard);
  }

  document.addEventListener("DOMContentLoaded", () => init(document));
  // htmx swaps the whole board after a move: enhance the new one.
  document.addEventListener("htmx:afterSwap", (event) => {
    const board = document.getElementById("board");
    if (board && !board.dataset.enhanced) {
      board.dataset.enhanced = "1";
      enhanceBoard(board);
    }
  });
})();
