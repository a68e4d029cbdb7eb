// Article workbench: select text to propose a claim, hover to see what answers what, j/k/a/r from the keyboard.
// Article text is never written as HTML here: the server escapes it and this script only reads it.
(function () {
  "use strict";
  const body = document.getElementById("article-body");
  if (!body) return;
  const workbench = document.getElementById("workbench");
  const relations = JSON.parse(document.getElementById("claim-relations").textContent);
  const cards = Array.from(document.querySelectorAll(".claim-card[data-claim]"));
  const newClaim = document.getElementById("new-claim");
  const actions = document.getElementById("selected-actions");
  let current = -1;

  const marksOf = (id) => body.querySelectorAll(`mark[data-claims~="${CSS.escape(String(id))}"]`);
  const cardOf = (id) => document.getElementById(`claim-${id}`);

  function clearClass(name) {
    document.querySelectorAll(`.${name}`).forEach((el) => el.classList.remove(name));
  }

  function showRelated(id) {
    clearClass("hovered"); clearClass("related-target"); clearClass("related-source");
    if (id == null) return;
    marksOf(id).forEach((m) => m.classList.add("hovered"));
    const links = relations[String(id)] || { targets: [], sources: [] };
    links.targets.forEach((t) => { marksOf(t).forEach((m) => m.classList.add("related-target")); cardOf(t)?.classList.add("related-target"); });
    links.sources.forEach((s) => { marksOf(s).forEach((m) => m.classList.add("related-source")); cardOf(s)?.classList.add("related-source"); });
  }

  function select(index, { scroll = true } = {}) {
    if (index < 0 || index >= cards.length) return;
    current = index;
    const card = cards[index];
    const id = card.dataset.claim;
    clearClass("current");
    card.classList.add("current");
    marksOf(id).forEach((m) => m.classList.add("current"));
    card.focus({ preventScroll: !scroll });
    if (scroll) {
      card.scrollIntoView({ block: "nearest" });
      marksOf(id)[0]?.scrollIntoView({ block: "center" });
    }
    showRelated(id);
    if (actions) {
      actions.hidden = false;
      actions.querySelectorAll("input[name=claim]").forEach((input) => { input.value = id; });
      actions.querySelector(".selected-claim-label").textContent = `#${id}`;
    }
    history.replaceState(null, "", `#claim-${id}`);
    // For the other workbench scripts (the link form's suggestions).
    workbench.dispatchEvent(new CustomEvent("claim-selected", { detail: { id, kind: card.dataset.kind } }));
  }

  function selectById(id, options) {
    const index = cards.findIndex((c) => c.dataset.claim === String(id));
    if (index !== -1) select(index, options);
  }

  // Hover and click on the body and on the cards.
  body.addEventListener("mouseover", (e) => { const m = e.target.closest("mark.claim"); if (m) showRelated(m.dataset.claim); });
  body.addEventListener("mouseout", (e) => { if (e.target.closest("mark.claim")) showRelated(cards[current]?.dataset.claim); });
  body.addEventListener("click", (e) => {
    const m = e.target.closest("mark.claim");
    if (m && window.getSelection().isCollapsed) selectById(m.dataset.claim, { scroll: false });
  });
  cards.forEach((card, index) => {
    card.addEventListener("mouseenter", () => showRelated(card.dataset.claim));
    card.addEventListener("mouseleave", () => showRelated(cards[current]?.dataset.claim));
    card.addEventListener("click", (e) => { if (!e.target.closest("a, button, input, select, textarea")) select(index); });
  });
  document.querySelectorAll("a[data-goto]").forEach((a) => a.addEventListener("click", (e) => {
    e.preventDefault(); selectById(a.dataset.goto);
  }));

  // Selecting text proposes a new claim over exactly that span of article.body.
  function codePoints(text) { return Array.from(text).length; }
  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(node, offset);
    return range.toString().length; // UTF-16 units, converted below
  }
  function selectionSpan() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    const text = body.textContent;
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start >= end) return null;
    return { start: codePoints(text.slice(0, start)), end: codePoints(text.slice(0, end)), text: text.slice(start, end) };
  }
  function offerNewClaim() {
    if (!newClaim) return;
    const span = selectionSpan();
    if (!span) return;
    newClaim.hidden = false;
    newClaim.querySelector("input[name=start]").value = span.start;
    newClaim.querySelector("input[name=end]").value = span.end;
    newClaim.querySelector("#new-claim-text").textContent = span.text;
  }
  body.addEventListener("mouseup", () => setTimeout(offerNewClaim, 0));
  body.addEventListener("keyup", offerNewClaim);
  document.getElementById("new-claim-cancel")?.addEventListener("click", () => { newClaim.hidden = true; });

  // Keyboard: j/k move, a accepts, r rejects, o opens, l links, s cites, n focuses the new-claim form.
  function submitTransition(key) {
    const card = cards[current];
    const button = card?.querySelector(`button[data-key="${key}"]`);
    if (!button) return;
    // After a decision, come back to the next claim so the reviewer keeps going.
    const following = cards[current + 1] || card;
    const next = button.form.querySelector("input[name=next]");
    next.value = `${workbench.dataset.workbenchUrl}#claim-${following.dataset.claim}`;
    button.form.requestSubmit(button);
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest("input, textarea, select, [contenteditable], .select2-container")) return;
    if (e.key === "Enter" && e.target.closest("a, button, summary")) return;
    const open = (id) => { const d = document.getElementById(id); if (d && actions && !actions.hidden) { d.open = true; d.querySelector("select, input:not([type=hidden])")?.focus(); } };
    switch (e.key) {
      case "j": select(Math.min(current + 1, cards.length - 1)); break;
      case "k": select(Math.max(current - 1, 0)); break;
      case "a": submitTransition("a"); break;
      case "r": submitTransition("r"); break;
      case "o": case "Enter": if (current >= 0) cards[current].querySelector("a.open-claim")?.click(); else return; break;
      case "l": open("link-panel"); break;
      case "s": open("cite-panel"); break;
      case "n": if (newClaim && !newClaim.hidden) newClaim.querySelector("select, input:not([type=hidden])")?.focus(); break;
      case "Escape": window.getSelection().removeAllRanges(); if (newClaim) newClaim.hidden = true; break;
      default: return;
    }
    e.preventDefault();
  });

  const match = /^#claim-(\d+)$/.exec(window.location.hash);
  if (match) selectById(match[1]);
})();
