// The editor's live findings, also marked on the indicator rows they concern (the page works without it).
(function () {
  "use strict";

  function filledRows(body) {
    // The form parser skips rows left blank, so the findings count only filled rows.
    return Array.prototype.filter.call(body.querySelectorAll("tr"), function (tr) {
      return Array.prototype.some.call(tr.querySelectorAll("input[name^=ind_]:not([type=hidden])"), function (input) {
        return input.value.trim() !== "";
      });
    });
  }

  function markRows() {
    var box = document.getElementById("live-findings");
    var body = document.getElementById("indicator-rows");
    if (!box || !body) return;
    body.querySelectorAll(".row-findings").forEach(function (el) { el.remove(); });
    body.querySelectorAll("tr.live-flagged").forEach(function (tr) { tr.classList.remove("live-flagged"); });
    var rows = filledRows(body);
    box.querySelectorAll("[data-row]").forEach(function (item) {
      var tr = rows[Number(item.getAttribute("data-row"))];
      if (!tr) return;
      tr.classList.add("live-flagged");
      var note = document.createElement("span");
      note.className = "row-findings";
      note.textContent = item.textContent;
      tr.children[2].appendChild(note);
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id === "live-findings") markRows();
  });

  // Removing or moving a row changes the table without a "change" event: check again.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-row-remove], button[data-row-up], button[data-row-down]");
    var box = document.getElementById("live-findings");
    if (button && box && window.htmx) window.htmx.trigger(box, "recheck");
  });
})();
