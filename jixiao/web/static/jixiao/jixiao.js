// Small enhancements; every page works without them.
(function () {
  "use strict";
  var counter = 0;

  function rowOf(el) { return el.closest("tr"); }

  function addRow(button) {
    var template = document.getElementById("indicator-row-template");
    var body = document.getElementById("indicator-rows");
    if (!template || !body) return;
    var fragment = template.content.cloneNode(true);
    counter += 1;
    fragment.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace("new", "new" + counter); });
    fragment.querySelectorAll("[for]").forEach(function (el) { el.htmlFor = el.htmlFor.replace("new", "new" + counter); });
    fragment.querySelectorAll("[aria-describedby]").forEach(function (el) {
      el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").replace("new", "new" + counter));
    });
    // A new row starts in the branch of the row above it: the usual case is adding to the same branch.
    var last = body.querySelector("tr:last-child");
    var row = fragment.querySelector("tr");
    if (last) {
      row.querySelector("[name=ind_level1]").value = last.querySelector("[name=ind_level1]").value;
      row.querySelector("[name=ind_level2]").value = last.querySelector("[name=ind_level2]").value;
    }
    body.appendChild(fragment);
    if (window.htmx) window.htmx.process(row);
    row.querySelector("[name=ind_name]").focus();
  }

  document.addEventListener("click", function (event) {
    var t = event.target.closest("button");
    if (!t) return;
    if (t.hasAttribute("data-print")) { window.print(); return; }
    if (t.hasAttribute("data-row-add")) { addRow(t); return; }
    var row = rowOf(t);
    if (!row) return;
    if (t.hasAttribute("data-row-up") && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling); t.focus();
    } else if (t.hasAttribute("data-row-down") && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row); t.focus();
    } else if (t.hasAttribute("data-row-remove")) {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      if (next) next.querySelector("input").focus();
    }
  });

  // A target value typed before the scripts were ready (a slow connection) missed its check: htmx took
  // the typed value as the field's starting one. Check each such value now, as typing would have. This
  // runs after htmx has set the page up (both scripts are deferred; htmx's listener came first).
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.htmx) return;
    document.querySelectorAll("input[name=ind_target][hx-get]").forEach(function (input) {
      var output = input.parentNode.querySelector(".target-check");
      if (output && input.value !== input.defaultValue) {
        window.htmx.ajax("GET", input.getAttribute("hx-get"), {source: input, target: output, swap: "innerHTML"});
      }
    });
  });

  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form) form.submit();
  });
})();
