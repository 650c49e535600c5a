// Metodbanken: take a result along. For every list of results ([data-mb-results]) on the page
// (the method finder, the decision helper):
// - "Ladda ned (CSV)" saves the visible rows as CSV for Excel: UTF-8 with BOM, semicolons,
//   every cell quoted, and cells that start with = + - @, tab or CR prefixed with ' so that
//   a spreadsheet never runs them as formulas. The rows come from each item's data-csv.
// - "Skriv ut korten" points at a printable deck of the visible methods, in order.
// - The "Jämför" boxes on the items fill the link to the comparison (two to four methods).
// Without JavaScript none of this is shown.
(function () {
  "use strict";

  var FORMULA = /^[=+\-@\t\r]/;
  var MAX_COMPARE = 4;

  function neutralise(value) {
    var text = value == null ? "" : String(value);
    return FORMULA.test(text) ? "'" + text : text;
  }

  function cell(value) {
    return '"' + neutralise(value).replace(/"/g, '""') + '"';
  }

  function toCsv(header, rows) {
    var lines = [header].concat(rows).map(function (row) { return row.map(cell).join(";"); });
    return "\uFEFF" + lines.join("\r\n") + "\r\n";
  }

  function parse(text, fallback) {
    try {
      var value = JSON.parse(text || "");
      return Array.isArray(value) ? value : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function visible(list) {
    return Array.prototype.slice.call(list.querySelectorAll("li[data-id]")).filter(function (item) {
      return !item.hidden && item.getClientRects().length > 0;
    });
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function withIds(base, ids) {
    var params = new URLSearchParams();
    ids.forEach(function (id) { params.append("metod", id); });
    var query = params.toString();
    return query ? base + "?" + query : base;
  }

  function setUp(share) {
    var list = share.parentNode.querySelector("[data-mb-results]");
    if (!list) return;
    var status = share.querySelector("[data-mb-share-status]");
    var csv = share.querySelector("[data-mb-csv]");
    var deck = share.querySelector("[data-mb-deck-link]");
    var compare = share.querySelector("[data-mb-compare-link]");

    function say(text) { if (status) status.textContent = text; }

    function picked() {
      return Array.prototype.slice.call(list.querySelectorAll("input[data-mb-compare]:checked")).map(function (box) {
        return box.value;
      });
    }

    function refresh() {
      var shown = visible(list).map(function (item) { return item.getAttribute("data-id"); });
      if (deck) {
        deck.href = withIds(deck.getAttribute("data-base"), shown);
        deck.textContent = "Skriv ut korten i listan (" + shown.length + ")";
      }
      if (csv) csv.disabled = shown.length === 0;
      if (compare) {
        var ids = picked();
        compare.href = withIds(compare.getAttribute("data-base"), ids);
        compare.textContent = "Jämför valda metoder (" + ids.length + ")";
        Array.prototype.slice.call(list.querySelectorAll("input[data-mb-compare]")).forEach(function (box) {
          box.disabled = !box.checked && ids.length >= MAX_COMPARE;
        });
      }
      Array.prototype.slice.call(list.querySelectorAll("[data-mb-compare-pick]")).forEach(function (label) {
        label.hidden = !compare;
      });
    }

    if (csv) {
      csv.addEventListener("click", function () {
        var header = parse(list.getAttribute("data-mb-csv-header"), []);
        var rows = visible(list).map(function (item) { return parse(item.getAttribute("data-csv"), []); });
        download(csv.getAttribute("data-mb-csv-file") || "metoder.csv", toCsv(header, rows));
        say(rows.length + (rows.length === 1 ? " rad" : " rader") + " sparades som CSV.");
      });
    }
    list.addEventListener("change", function (event) {
      if (!event.target.hasAttribute("data-mb-compare")) return;
      refresh();
      var count = picked().length;
      if (count >= MAX_COMPARE) say("Du kan jämföra högst fyra metoder åt gången.");
      else if (count === 1) say("Välj minst en metod till att jämföra med.");
      else say("");
    });
    new MutationObserver(refresh).observe(list, { subtree: true, childList: true, attributes: true, attributeFilter: ["hidden"] });
    share.hidden = false;
    refresh();
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // Shared with decide.js and compare.js (loaded after this file): text only, never HTML.
  window.MetodbankShare = { neutralise: neutralise, toCsv: toCsv, element: element };

  function init() {
    Array.prototype.slice.call(document.querySelectorAll("[data-mb-share]")).forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
