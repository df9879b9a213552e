// Keyboard shortcuts of the review pages (listed on each page). No inline script: the
// Content-Security-Policy allows only this origin's files.
(function () {
  "use strict";
  var current = null;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-item]"));
  }

  function itemOf(node) {
    return node && node.closest ? node.closest("[data-item]") : null;
  }

  function move(step) {
    var all = items();
    if (!all.length) { return; }
    var index = all.indexOf(current);
    var next = index < 0 ? all[0] : all[Math.min(Math.max(index + step, 0), all.length - 1)];
    current = next;
    next.focus();
  }

  function press(decision) {
    if (!current) { return; }
    var button = current.querySelector('button[name="decision"][value="' + decision + '"]');
    if (!button) { return; }
    if (!button.disabled) { button.click(); return; }
    var reason = document.getElementById(button.getAttribute("aria-describedby"));
    if (reason) { reason.focus(); }
  }

  function typing(node) {
    var name = node && node.tagName;
    return name === "TEXTAREA" || name === "INPUT" || name === "SELECT" || (node && node.isContentEditable);
  }

  document.addEventListener("focusin", function (event) {
    var item = itemOf(event.target);
    if (item) { current = item; }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (typing(target)) {
      if (event.key === "Escape" && itemOf(target)) { itemOf(target).focus(); }
      return;
    }
    if (event.key === "Enter" && target === current && current) {
      var link = current.querySelector("a[href]");
      if (link) { link.click(); event.preventDefault(); }
      return;
    }
    var actions = { n: 1, j: 1, p: -1, k: -1 };
    if (event.key in actions) { move(actions[event.key]); }
    else if (event.key === "a") { press("approve"); }
    else if (event.key === "r") { press("request_changes"); }
    else { return; }
    event.preventDefault();
  });
})();
