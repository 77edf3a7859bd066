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

  // What is typed or chosen before the scripts are ready (a slow connection) missed htmx: it takes each
  // field's value when it sets the page up as the starting one. So every element that htmx updates as the
  // user types (a target value's check, the project list's search, the self-evaluation's score) is asked
  // once more, now, if one of its fields no longer holds what the page was served with. This runs after
  // htmx has set the page up (both scripts are deferred, and htmx's listener came first).
  function changedSinceServed(field) {
    if (field.type === "hidden") return false;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.options) {
      if (field.multiple) {
        return Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      var served = Array.prototype.findIndex.call(field.options, function (o) { return o.defaultSelected; });
      return field.selectedIndex !== Math.max(served, 0);  // none marked: the first
    }
    return field.value !== field.defaultValue;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.htmx) return;
    document.querySelectorAll("[hx-trigger*=changed]").forEach(function (el) {
      var fields = el.matches("input, textarea, select") ? [el] : el.querySelectorAll("input, textarea, select");
      if (!Array.prototype.some.call(fields, changedSinceServed)) return;
      var verb = el.hasAttribute("hx-post") ? "POST" : "GET";
      window.htmx.ajax(verb, el.getAttribute("hx-" + verb.toLowerCase()), {source: el});
    });
  });

  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form) form.submit();
  });
})();
