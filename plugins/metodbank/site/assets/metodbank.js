// Metodbanken: sort overview lists by title or by last-reviewed date, and the shared help
// for searches that find little (window.Metodbank: themes and target groups that match).
// Without JavaScript the lists are sorted by title and the buttons stay hidden.
(function () {
  "use strict";

  // --- suggestions: used by the header search, the finder and the 404 page -------------------
  var loaded = {};
  function fold(text) {
    text = String(text == null ? "" : text).toLowerCase();
    return text.normalize ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  }
  function loadSuggestions(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return loaded[url];
  }
  function matchTerms(query, data) {
    var words = fold(query).split(/[^a-z0-9]+/).filter(function (word) { return word.length >= 3; });
    if (!words.length || !data || !data.terms) return [];
    return data.terms.filter(function (term) {
      return term.words.some(function (candidate) {
        if (candidate.length < 4) return words.indexOf(candidate) !== -1;
        return words.some(function (word) {
          return word.indexOf(candidate) !== -1 || (word.length >= 4 && candidate.indexOf(word) === 0);
        });
      });
    });
  }
  function renderTerms(container, terms, root) {
    container.textContent = "";
    if (!terms.length) return;
    var intro = document.createElement("p");
    intro.textContent = "Teman och målgrupper som passar din sökning:";
    var list = document.createElement("ul");
    list.className = "mb-chips";
    terms.forEach(function (term) {
      var item = document.createElement("li");
      var text = term.group + ": " + term.label;
      if (term.url) {
        var link = document.createElement("a");
        link.href = new URL(term.url, root).href;
        link.textContent = text + " (" + term.count + ")";
        item.appendChild(link);
      } else {
        var span = document.createElement("span");
        span.textContent = text + " – finns inget om det här än";
        item.appendChild(span);
      }
      list.appendChild(item);
    });
    container.appendChild(intro);
    container.appendChild(list);
  }
  window.Metodbank = { fold: fold, loadSuggestions: loadSuggestions, matchTerms: matchTerms, renderTerms: renderTerms };

  // --- sorting overview lists -------------------------------------------------------------------
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
