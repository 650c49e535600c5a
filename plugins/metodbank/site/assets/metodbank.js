// Metodbanken: sort overview lists by title or by last-reviewed date.
// Without JavaScript the lists are sorted by title and the buttons stay hidden.
(function () {
  "use strict";
  function setUp(controls) {
    var list = controls.parentElement.querySelector("ul.mb-list");
    if (!list) return;
    var buttons = controls.querySelectorAll("button[data-sort]");
    function sortBy(key) {
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        if (key === "reviewed") {
          return b.dataset.reviewed.localeCompare(a.dataset.reviewed) ||
            a.dataset.title.localeCompare(b.dataset.title, "sv");
        }
        return a.dataset.title.localeCompare(b.dataset.title, "sv");
      });
      items.forEach(function (item) { list.appendChild(item); });
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.sort === key));
      });
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { sortBy(button.dataset.sort); });
    });
    controls.hidden = false;
  }
  function init() {
    document.querySelectorAll("[data-mb-sort]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
// Metodbanken: Escape closes the reason of a "tolkat" marker that has keyboard focus
// (WCAG 1.4.13: content shown on focus can be dismissed).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    if (event.key === "Escape" && active && active.classList && active.classList.contains("mb-inferred")) {
      active.blur();
    }
  });
})();
