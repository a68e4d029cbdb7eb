// Workbench link form: find the claim to link in any article as you type, and for a response, confirm one of
// the claims in other articles it may be answering. The link is still posted by the link form itself.
// Text from the server is only ever set as textContent, never as HTML.
(function () {
  "use strict";
  const workbench = document.getElementById("workbench");
  const form = document.getElementById("link-form");
  const field = document.getElementById("link-search-field");
  if (!workbench || !form || !field) return;
  const input = document.getElementById("link-search");
  const results = document.getElementById("link-search-results");
  const chosen = document.getElementById("link-chosen");
  const panel = document.getElementById("link-panel");
  const suggestions = document.getElementById("link-suggestions");
  const suggestionList = suggestions.querySelector("ul");
  const other = form.querySelector("select[name=other_target]");
  const sameArticle = form.querySelector("select[name=target]");
  const relationType = form.querySelector("select[name=relation_type]");
  const claimInput = form.querySelector("input[name=claim]");
  const DELAY = 200;

  // The search supersedes the select2 picker; its <select> still carries the chosen claim to the server.
  other.closest(".wb-field").hidden = true;
  field.hidden = false;

  const urlFor = (pattern, id) => pattern.replace("/claims/0/", `/claims/${encodeURIComponent(id)}/`);
  const describe = (c) => `#${c.id} ${c.speaker || "no speaker"}: “${c.text}” — ${c.article.headline}, ${c.article.date}`;

  let timer = null;
  let inFlight = null;
  let items = [];
  let active = -1;
  let selectedKind = null;
  let suggestionsFor = null;

  async function getJSON(url, signal) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const errors = data.errors || {};
      throw new Error(Object.values(errors).flat().join(" ") || `HTTP ${response.status}`);
    }
    return data.results;
  }

  function entry(claim, tag) {
    const item = document.createElement(tag);
    const head = document.createElement("span");
    head.className = "link-result-head";
    head.textContent = `#${claim.id} ${claim.speaker || "no speaker"} · ${claim.article.headline} · ${claim.article.date}`;
    const text = document.createElement("span");
    text.className = "link-result-text";
    text.textContent = claim.text;
    item.append(head, text);
    return item;
  }

  function choose(claim) {
    let option = Array.from(other.options).find((o) => o.value === String(claim.id));
    if (!option) {
      option = new Option(describe(claim), String(claim.id), true, true);
      other.append(option);
    }
    other.value = String(claim.id);
    other.dispatchEvent(new Event("change", { bubbles: true }));
    // The server prefers a target in this article; a claim found here must win.
    if (sameArticle) sameArticle.value = "";
    chosen.textContent = `Will link to ${describe(claim)}`;
  }

  function close() {
    results.hidden = true;
    results.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    items = [];
    active = -1;
  }

  function highlight(index) {
    const options = results.querySelectorAll("[role=option]");
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }
  }

  function show(found) {
    items = found;
    results.replaceChildren();
    if (!found.length) {
      const none = document.createElement("li");
      none.className = "link-result-none";
      none.textContent = "No claim found.";
      results.append(none);
    }
    found.forEach((claim, index) => {
      const option = entry(claim, "li");
      option.id = `link-result-${claim.id}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "link-result";
      option.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the input
      option.addEventListener("click", () => { choose(claim); close(); });
      option.addEventListener("mouseenter", () => highlight(index));
      results.append(option);
    });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  async function search() {
    const term = input.value.trim();
    if (inFlight) inFlight.abort();
    if (term.length < 2 || !claimInput.value) { close(); return; }
    inFlight = new AbortController();
    const url = `${urlFor(form.dataset.searchUrl, claimInput.value)}?q=${encodeURIComponent(term)}`;
    try {
      show(await getJSON(url, inFlight.signal));
    } catch (error) {
      if (error.name === "AbortError") return;
      close();
      chosen.textContent = `Search failed: ${error.message}`;
    }
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, DELAY); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && items.length) { highlight(Math.min(active + 1, items.length - 1)); e.preventDefault(); }
    else if (e.key === "ArrowUp" && items.length) { highlight(Math.max(active - 1, 0)); e.preventDefault(); }
    else if (e.key === "Enter" && !results.hidden) {
      // Enter picks the highlighted claim instead of submitting the form half filled.
      e.preventDefault();
      if (active >= 0) { choose(items[active]); close(); }
    } else if (e.key === "Escape" && !results.hidden) { close(); e.preventDefault(); e.stopPropagation(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));

  // Suggested targets for a response, read once the link panel is open (not on every j/k).
  function confirmButton(claim, type, label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.dataset.relationType = type;
    button.textContent = label;
    button.addEventListener("click", () => {
      choose(claim);
      relationType.value = type;
      form.requestSubmit();
    });
    return button;
  }

  async function loadSuggestions() {
    const id = claimInput.value;
    if (selectedKind !== "response" || !id || !panel.open || suggestionsFor === id) return;
    suggestionsFor = id;
    suggestionList.replaceChildren();
    suggestions.hidden = false;
    const status = suggestions.querySelector(".link-suggestions-status");
    status.textContent = "Looking for claims this response may answer…";
    try {
      const found = await getJSON(urlFor(form.dataset.counterUrl, id));
      if (suggestionsFor !== id) return;
      status.textContent = found.length ? "" : "No recent claim in another article names this speaker or their organisation.";
      found.forEach((claim) => {
        const item = entry(claim, "li");
        item.className = "link-suggestion";
        item.dataset.claim = String(claim.id);
        const buttons = document.createElement("span");
        buttons.className = "link-suggestion-actions";
        buttons.append(confirmButton(claim, "rebuts", "Confirm: rebuts"), confirmButton(claim, "denies", "Confirm: denies"));
        item.append(buttons);
        suggestionList.append(item);
      });
    } catch (error) {
      if (suggestionsFor === id) status.textContent = `Suggestions failed: ${error.message}`;
    }
  }

  workbench.addEventListener("claim-selected", (e) => {
    selectedKind = e.detail.kind;
    input.value = "";
    chosen.textContent = "";
    close();
    suggestionsFor = null;
    suggestions.hidden = true;
    suggestionList.replaceChildren();
    loadSuggestions();
  });
  panel.addEventListener("toggle", loadSuggestions);
  // A claim selected before this script ran (from the address's #claim-N).
  selectedKind = document.querySelector(".claim-card.current")?.dataset.kind || null;
})();
