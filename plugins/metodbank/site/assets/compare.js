// Metodbanken: "Jämför metoder". Reads the chosen methods from the address (?metod=a&metod=b),
// keeps the checkboxes in step, and lays out the cells written at build time
// (jamfor/metoder.json) as a table: one column per method, one row per aspect, with a
// caption and header cells so that screen readers read it as a table. Text only, no HTML.
(function () {
  "use strict";

  var MIN = 2;
  var MAX = 4;

  function element(tag, text, className) {
    return window.MetodbankShare.element(tag, text, className);
  }

  function setUp(form) {
    var holder = document.querySelector("[data-mb-compare-table]");
    var status = document.querySelector("[data-mb-compare-status]");
    var actions = document.querySelector("[data-mb-compare-actions]");
    var data = null;

    function boxes() {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="metod"]'));
    }

    function chosen(search) {
      var byId = {};
      data.methods.forEach(function (method) { byId[method.id] = method; });
      var seen = {};
      return new URLSearchParams(search).getAll("metod").filter(function (id) {
        var ok = byId[id] && !seen[id];
        seen[id] = true;
        return ok;
      }).map(function (id) { return byId[id]; });
    }

    function cell(lines) {
      var td = element("td");
      if (lines.length === 1) {
        td.textContent = lines[0];
        return td;
      }
      var ul = element("ul");
      lines.forEach(function (line) { ul.appendChild(element("li", line)); });
      td.appendChild(ul);
      return td;
    }

    function table(methods) {
      var t = element("table", null, "mb-compare__table");
      t.appendChild(element("caption", "Jämförelse av " + methods.length + " metoder: " +
        methods.map(function (m) { return m.title; }).join(", ")));
      var head = element("tr");
      head.appendChild(element("th", "Egenskap")).setAttribute("scope", "col");
      methods.forEach(function (method) {
        var th = element("th");
        th.setAttribute("scope", "col");
        var link = element("a", method.title);
        link.href = method.href;
        th.appendChild(link);
        head.appendChild(th);
      });
      t.appendChild(element("thead")).appendChild(head);
      var body = element("tbody");
      data.aspects.forEach(function (aspect) {
        var row = element("tr");
        row.appendChild(element("th", aspect.label)).setAttribute("scope", "row");
        methods.forEach(function (method) { row.appendChild(cell(method.cells[aspect.key] || [])); });
        body.appendChild(row);
      });
      t.appendChild(body);
      return t;
    }

    function render() {
      var methods = chosen(window.location.search);
      var ids = methods.map(function (m) { return m.id; });
      boxes().forEach(function (box) { box.checked = ids.indexOf(box.value) !== -1; });
      holder.textContent = "";
      var shown = methods.slice(0, MAX);
      if (methods.length > MAX) status.textContent = "Du kan jämföra högst fyra metoder åt gången. Tabellen visar de fyra första.";
      else if (methods.length < MIN) status.textContent = "Välj minst två metoder att jämföra.";
      else status.textContent = "";
      actions.hidden = shown.length < MIN;
      if (shown.length >= MIN) holder.appendChild(table(shown));
    }

    function go() {
      var params = new URLSearchParams();
      boxes().forEach(function (box) { if (box.checked) params.append("metod", box.value); });
      var search = params.toString() ? "?" + params.toString() : "";
      if (search !== window.location.search) {
        window.history.pushState({ mbCompare: true }, "", window.location.pathname + search);
      }
      render();
    }

    form.addEventListener("change", go);
    form.addEventListener("submit", function (event) { event.preventDefault(); go(); });
    window.addEventListener("popstate", function () { if (data) render(); });
    document.querySelector("[data-mb-print]").addEventListener("click", function () { window.print(); });

    window
      .fetch(new URL(form.getAttribute("data-source"), document.baseURI).href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (json) {
        if (!json || !Array.isArray(json.methods)) throw new Error("no methods");
        data = json;
        Array.prototype.slice.call(document.querySelectorAll("[data-mb-compare-nojs]")).forEach(function (node) {
          node.hidden = true;
        });
        render();
        form.setAttribute("data-mb-ready", "");
      })
      .catch(function () {
        status.textContent = "Jämförelsen kunde inte laddas. Öppna metoderna var för sig i listan.";
        form.setAttribute("data-mb-unavailable", "");
      });
  }

  function init() {
    var form = document.querySelector("form[data-mb-compare-form]");
    // Print styles for this page only: the table alone, the whole width of the sheet.
    document.documentElement.classList.add("mb-print-compare");
    if (form && typeof window.fetch === "function") setUp(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
