// Metodbanken: a printable deck of the methods named in the address (?metod=a&metod=b), in that
// order: a cover with the list, then each method's card, taken from its own card page
// (metodkort/<id>.html) so that the deck is exactly the cards the site prints one by one.
(function () {
  "use strict";

  var holder = document.querySelector("[data-mb-deck]");
  var status = document.querySelector("[data-mb-deck-status]");
  var print = document.querySelector("[data-mb-deck-print]");
  if (!holder || typeof window.fetch !== "function") return;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  var seen = {};
  var ids = new URLSearchParams(window.location.search).getAll("metod").filter(function (id) {
    var ok = /^[a-z0-9-]+$/.test(id) && !seen[id];
    seen[id] = true;
    return ok;
  });
  if (!ids.length) {
    status.textContent = "Inga metoder är valda. Välj metoder under Hitta metod eller i beslutsstödet, eller skriv ut hela kortleken från sidan Metodkort.";
    return;
  }

  function card(id) {
    return window.fetch(new URL(id + ".html", window.location.href).href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(id);
        return response.text();
      })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var title = page.querySelector(".card__title");
        return { id: id, title: title ? title.textContent : id, sheets: page.querySelectorAll("section.sheet") };
      })
      .catch(function () { return null; });
  }

  Promise.all(ids.map(card)).then(function (found) {
    var cards = found.filter(Boolean);
    var cover = element("section", null, "sheet cover");
    cover.appendChild(element("p", "Metodbanken", "cover__brand"));
    cover.appendChild(element("h2", "Utvalda metodkort"));
    cover.appendChild(element("p", cards.length + " metodkort i den ordning de valdes:", "cover__lead"));
    var list = element("ol");
    cards.forEach(function (one) { list.appendChild(element("li", one.title)); });
    cover.appendChild(list);
    holder.appendChild(cover);
    cards.forEach(function (one) {
      Array.prototype.forEach.call(one.sheets, function (sheet) { holder.appendChild(document.importNode(sheet, true)); });
    });
    var missing = ids.length - cards.length;
    status.textContent = cards.length + " metodkort är klara att skriva ut." +
      (missing ? " " + missing + " av de valda metoderna har inget kort." : "");
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
    holder.setAttribute("data-mb-ready", "");
  });
})();
