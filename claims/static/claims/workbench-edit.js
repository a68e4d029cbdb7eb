// Workbench corrections in place: the selected claim's speaker, kind, type and span, its links, and the
// shortcut overlay. Writes go to the admin's small JSON endpoints; the page then reloads on the claim, so
// every highlight is drawn again by the server (which escapes the article text).
(function () {
  "use strict";
  const workbench = document.getElementById("workbench");
  const body = document.getElementById("article-body");
  if (!workbench || !body) return;
  const base = workbench.dataset.workbenchUrl;
  const editPanel = document.getElementById("edit-panel");
  const editForm = document.getElementById("edit-form");
  const status = document.getElementById("wb-status");
  const help = document.getElementById("wb-shortcuts");

  const csrfToken = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
  const currentCard = () => document.querySelector(".claim-card.current[data-claim]");

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("errornote", Boolean(isError));
  }

  function errorsToText(errors) {
    return Object.entries(errors || {})
      .map(([field, messages]) => (field === "__all__" ? "" : `${field.replace("_", " ")}: `) + messages.join(" "))
      .join(" · ");
  }

  async function post(url, fields, claimId) {
    const data = new FormData();
    Object.entries(fields).forEach(([key, value]) => data.append(key, value));
    say("Saving…");
    let response;
    try {
      response = await fetch(url, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
      });
    } catch (error) {
      say("Could not reach the server; nothing was changed.", true);
      return false;
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      say(errorsToText(answer.errors) || `Refused (${response.status}).`, true);
      return false;
    }
    say("Saved.");
    window.location.hash = claimId ? `claim-${claimId}` : "";
    window.location.reload();
    return true;
  }

  // The edit form follows the selected claim: its kind and type start at the claim's own values.
  function fillEditForm(card) {
    if (!editForm || !card) return;
    editForm.querySelector("[name=kind]").value = card.dataset.kind;
    editForm.querySelector("[name=claim_type]").value = card.dataset.claimType;
    editForm.querySelector("[name=start]").value = "";
    editForm.querySelector("[name=end]").value = "";
    const preview = document.getElementById("edit-span-preview");
    if (preview) preview.textContent = "";
    document.getElementById("edit-current-speaker").textContent = card.dataset.speaker || "no speaker";
  }
  new MutationObserver(() => fillEditForm(currentCard())).observe(document.getElementById("claim-list"), {
    subtree: true, attributes: true, attributeFilter: ["class"],
  });

  // The span of article.body the reader has selected, in code points (as the server counts).
  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    const upTo = (node, offset) => { const r = document.createRange(); r.setStart(body, 0); r.setEnd(node, offset); return r.toString().length; };
    const text = body.textContent;
    let start = upTo(range.startContainer, range.startOffset);
    let end = upTo(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start >= end) return null;
    const points = (s) => Array.from(s).length;
    return { start: points(text.slice(0, start)), end: points(text.slice(0, end)), text: text.slice(start, end) };
  }

  function spanFromSelection() {
    if (!editForm || !currentCard()) return;
    const span = selectedSpan();
    if (!span) { say("Select the claim's new text in the article first.", true); return; }
    editPanel.open = true;
    editForm.querySelector("[name=start]").value = span.start;
    editForm.querySelector("[name=end]").value = span.end;
    document.getElementById("edit-span-preview").textContent = span.text;
    say("New span chosen: save to apply it.");
    editForm.querySelector("button[type=submit]").focus();
  }
  document.getElementById("edit-span-button")?.addEventListener("click", spanFromSelection);

  editForm?.addEventListener("submit", (event) => {
    event.preventDefault();
    const card = currentCard();
    if (!card) { say("Select a claim first (j / k).", true); return; }
    const fields = {};
    const value = (name) => editForm.querySelector(`[name=${name}]`)?.value || "";
    if (value("speaker")) fields.speaker = value("speaker");
    if (value("new_speaker_name").trim()) {
      fields.new_speaker_name = value("new_speaker_name");
      fields.new_speaker_kind = value("new_speaker_kind");
    }
    if (value("kind") !== card.dataset.kind) fields.kind = value("kind");
    if (value("claim_type") !== card.dataset.claimType) fields.claim_type = value("claim_type");
    if (value("start") && value("end")) { fields.start = value("start"); fields.end = value("end"); }
    if (!Object.keys(fields).length) { say("Nothing changed.", true); return; }
    post(`${base}claims/${card.dataset.claim}/edit/`, fields, card.dataset.claim);
  });

  // Links on the cards: change the type in place, or remove the link.
  document.querySelectorAll("select.retype-link").forEach((select) => {
    select.addEventListener("change", () => {
      const card = select.closest(".claim-card");
      post(`${base}links/${select.dataset.relation}/retype/`, { relation_type: select.value }, card.dataset.claim);
    });
  });
  document.querySelectorAll("button.remove-link").forEach((button) => {
    button.addEventListener("click", () => {
      const card = button.closest(".claim-card");
      post(`${base}links/${button.dataset.relation}/remove/`, {}, card.dataset.claim);
    });
  });

  document.getElementById("wb-shortcuts-open")?.addEventListener("click", () => help?.showModal());
  document.getElementById("wb-shortcuts-close")?.addEventListener("click", () => help?.close());
  // Escape closes the list here, before the page's own Escape (drop the selection) sees it.
  help?.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" && event.key !== "?") return;
    event.stopPropagation();
    event.preventDefault();
    help.close();
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable], .select2-container, dialog")) return;
    const card = currentCard();
    switch (event.key) {
      case "?": help?.open ? help.close() : help?.showModal(); break;
      case "e":
        if (!editPanel || !card) return;
        editPanel.open = true;
        editPanel.querySelector(".select2-selection, select:not(.select2-hidden-accessible), input:not([type=hidden])")?.focus();
        break;
      case "u": spanFromSelection(); break;
      case "x": {
        const control = card?.querySelector("select.retype-link");
        if (!control) return;
        control.focus();
        break;
      }
      default: return;
    }
    event.preventDefault();
  });
})();
