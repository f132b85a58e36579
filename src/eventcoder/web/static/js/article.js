// Article page behaviour: hovering an event card lights up its evidence in the text, clicking an
// actor (in the text, on a card or in the actor list) shows only that actor's event cards.
// Only classes and attributes are changed here: the article's text is never turned into HTML.
"use strict";
(function () {
  const text = document.getElementById("article-text");
  const cards = document.getElementById("cards");
  if (!cards) return;

  function mark(idx, on) {
    if (!text) return;
    text.querySelectorAll('[data-ev~="' + idx + '"]').forEach((el) => el.classList.toggle("hl", on));
    text.querySelectorAll('[data-evx~="' + idx + '"]').forEach((el) => el.classList.toggle("hlx", on));
  }

  function cardOf(el) { return el.closest ? el.closest("li.card") : null; }

  cards.addEventListener("mouseover", (ev) => {
    const card = cardOf(ev.target);
    if (card) mark(card.dataset.ev, true);
  });
  cards.addEventListener("mouseout", (ev) => {
    const card = cardOf(ev.target);
    if (card && !card.contains(ev.relatedTarget)) mark(card.dataset.ev, false);
  });
  cards.addEventListener("focusin", (ev) => { const c = cardOf(ev.target); if (c) mark(c.dataset.ev, true); });
  cards.addEventListener("focusout", (ev) => { const c = cardOf(ev.target); if (c) mark(c.dataset.ev, false); });
  cards.addEventListener("click", (ev) => {
    const card = cardOf(ev.target);
    if (!card || ev.target.closest(".actor-filter") || !text) return;
    const first = text.querySelector('[data-ev~="' + card.dataset.ev + '"]');
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  });

  // Hovering highlighted text lights up the cards of the events it belongs to.
  if (text) {
    text.addEventListener("mouseover", (ev) => {
      const span = ev.target.closest("[data-ev],[data-evx]");
      cards.querySelectorAll("li.card.lit").forEach((c) => c.classList.remove("lit"));
      if (!span) return;
      const ids = ((span.dataset.evx || "") + " " + (span.dataset.ev || "")).trim().split(/\s+/);
      ids.forEach((i) => { const c = cards.querySelector('li.card[data-ev="' + i + '"]'); if (c) c.classList.add("lit"); });
    });
  }

  const note = document.getElementById("actor-filter");
  const noteCode = document.getElementById("actor-filter-code");
  const noteLink = document.getElementById("actor-filter-link");
  const count = document.getElementById("card-count");

  function filterBy(code) {
    let shown = 0;
    cards.querySelectorAll("li.card").forEach((c) => {
      const actors = (c.dataset.actors || "").split(/\s+/);
      const keep = !code || actors.includes(code);
      c.hidden = !keep;
      if (keep) shown += 1;
    });
    document.querySelectorAll(".actor-filter").forEach((b) => b.classList.toggle("on", !!code && b.dataset.actor === code));
    if (text) {
      text.querySelectorAll(".ac.sel").forEach((el) => el.classList.remove("sel"));
      if (code) text.querySelectorAll(".ac").forEach((el) => { if (el.dataset.actor === code) el.classList.add("sel"); });
    }
    if (note) {
      note.hidden = !code;
      noteCode.textContent = code || "";
      noteLink.href = "/events?actor=" + encodeURIComponent(code || "");
    }
    if (count) count.textContent = String(shown);
  }

  document.addEventListener("click", (ev) => {
    const t = ev.target.closest ? ev.target.closest(".actor-filter, #article-text .ac[data-actor]") : null;
    if (!t) return;
    const code = t.dataset.actor;
    const active = t.classList.contains("on") || t.classList.contains("sel");
    filterBy(active ? null : code);
  });
  const clear = document.getElementById("actor-filter-clear");
  if (clear) clear.addEventListener("click", () => filterBy(null));

  // Coding takes a moment: say so on the button.
  const form = document.querySelector("form.code-form");
  if (form) form.addEventListener("submit", () => {
    const b = document.getElementById("code-button");
    if (b) { b.disabled = true; b.textContent = "Coding…"; }
  });
})();
