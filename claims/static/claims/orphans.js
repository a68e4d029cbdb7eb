// Re-attaching an orphan uses the span the workbench took from the current selection for a new claim.
"use strict";
document.querySelectorAll(".reattach-form").forEach((form) => {
  form.addEventListener("submit", (event) => {
    const chosen = document.getElementById("new-claim-form");
    const start = chosen && chosen.querySelector("input[name=start]").value;
    const end = chosen && chosen.querySelector("input[name=end]").value;
    if (!start && start !== "0" || !end) {
      event.preventDefault();
      window.alert("Select the claim's text in the article first.");
      return;
    }
    form.querySelector("input[name=start]").value = start;
    form.querySelector("input[name=end]").value = end;
  });
});
