// Metodbanken: site search in the Material header, backed by Pagefind's chunked index.
// Pagefind stems Swedish (from <html lang="sv">) and loads only the index chunks a query needs.
// Every hit is labelled with its kind (Metod, Fall …). Pages for contributors and developers
// come after everything else. When little is found, the reader gets a way on: themes and
// target groups that match the words, the method finder, and how to suggest a case.
(function () {
  "use strict";
  var root = document.querySelector("[data-mb-search]");
  if (!root) return;
  var input = root.querySelector("[data-mb-search-input]");
  var meta = root.querySelector("[data-mb-search-meta]");
  var list = root.querySelector("[data-mb-search-results]");
  var toggle = document.getElementById("__search");
  var bundle = new URL(root.dataset.pagefind, document.baseURI).href;
  var base = new URL(".", new URL("..", bundle)).pathname;
  var siteRoot = new URL(base, document.baseURI).href;
  var loading = null;
  var PAGE = 10;
  var WEAK = 3; // fewer public hits than this: offer a way on
  var current = null; // the latest search: { results, shown, publicCount, query }
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button mb-search-more";
  more.textContent = "Visa fler träffar";
  more.hidden = true;
  list.parentNode.appendChild(more);
  var help = document.createElement("div");
  help.className = "mb-search-help mb-help";
  help.setAttribute("data-mb-search-help", "");
  help.hidden = true;
  list.parentNode.insertBefore(help, list);

  function load() {
    if (!loading) {
      loading = import(bundle).then(function (pagefind) {
        return pagefind.options({ baseUrl: base, excerptLength: 24 }).then(function () {
          // A large site's index comes in parts; the manifest lists those to merge.
          return fetch(new URL("metodbank-shards.json", bundle).href)
            .then(function (response) { return response.ok ? response.json() : []; })
            .catch(function () { return []; });
        }).then(function (parts) {
          return Promise.all(parts.map(function (part) {
            return pagefind.mergeIndex(new URL(part, bundle).href, { baseUrl: base });
          }));
        }).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
    }
    return loading;
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load();
  }

  function safeExcerpt(html) {
    // Keep Pagefind's <mark> highlights; everything else is shown as text.
    var parts = html.split(/<mark>|<\/mark>/);
    var out = document.createDocumentFragment();
    parts.forEach(function (part, index) {
      var text = document.createTextNode(part.replace(/<[^>]*>/g, ""));
      if (index % 2 === 1) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        out.appendChild(mark);
      } else {
        out.appendChild(text);
      }
    });
    return out;
  }

  function count(total) {
    return total === 0 ? "Inga träffar" : total === 1 ? "1 träff" : total + " träffar";
  }

  function render(results, total, append) {
    if (!append) list.textContent = "";
    meta.textContent = count(total);
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = result.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var kind = document.createElement("p");
      kind.className = "mb-search-kind";
      kind.setAttribute("data-mb-kind", "");
      kind.textContent = (result.meta && result.meta.kind) || "Sida";
      var title = document.createElement("h1");
      title.textContent = (result.meta && result.meta.title) || result.url;
      var excerpt = document.createElement("p");
      excerpt.appendChild(safeExcerpt(result.excerpt || ""));
      article.appendChild(kind);
      article.appendChild(title);
      article.appendChild(excerpt);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    more.hidden = !current || current.shown >= current.results.length;
  }

  function helpLink(href, text) {
    var link = document.createElement("a");
    link.href = new URL(href, siteRoot).href;
    link.textContent = text;
    return link;
  }

  function showHelp(search) {
    // Zero or weak hits: themes and target groups that match, the finder, and a way to tell us.
    help.textContent = "";
    help.hidden = search.publicCount >= WEAK;
    if (help.hidden || !window.Metodbank) return;
    var heading = document.createElement("p");
    heading.className = "mb-help__heading";
    heading.textContent = search.publicCount === 0
      ? "Vi hittade inga metoder, fall eller lärdomar om “" + search.query + "”."
      : "Vi hittade bara lite om “" + search.query + "”.";
    var terms = document.createElement("div");
    var links = document.createElement("ul");
    [
      [search.data.links.finder + "?q=" + encodeURIComponent(search.query), "Hitta metod efter tema, målgrupp och insats"],
      [search.data.links.themes, "Bläddra bland alla teman"]
    ].forEach(function (pair) {
      var item = document.createElement("li");
      item.appendChild(helpLink(pair[0], pair[1]));
      links.appendChild(item);
    });
    var tip = document.createElement("li");
    tip.appendChild(document.createTextNode("Saknas något? "));
    tip.appendChild(helpLink(search.data.links.tip, "Tipsa oss"));
    tip.appendChild(document.createTextNode(" eller "));
    tip.appendChild(helpLink(search.data.links.contribute, "bidra själv"));
    links.appendChild(tip);
    help.appendChild(heading);
    help.appendChild(terms);
    help.appendChild(links);
    window.Metodbank.renderTerms(terms, window.Metodbank.matchTerms(search.query, search.data), siteRoot);
  }

  function showNext(append) {
    var search = current;
    var batch = search.results.slice(search.shown, search.shown + PAGE);
    search.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (search === current) render(data, search.results.length, append);
    });
  }

  function suggestions() {
    if (!window.Metodbank) return Promise.resolve(null);
    return window.Metodbank.loadSuggestions(new URL("sok/forslag.json", siteRoot).href)
      .catch(function () { return null; });
  }

  function clear() {
    current = null;
    list.textContent = "";
    more.hidden = true;
    help.hidden = true;
    meta.textContent = "Skriv för att söka";
  }

  function search() {
    var query = input.value.trim();
    if (!query) {
      clear();
      return;
    }
    load().then(function (pagefind) {
      // Readers' pages first, then the pages for contributors and developers (publik:nej).
      return pagefind.debouncedSearch(query, { filters: { not: { publik: "nej" } } }, 150).then(function (found) {
        if (found === null) return; // a newer query replaced this one
        return Promise.all([pagefind.search(query, { filters: { publik: "nej" } }), suggestions()])
          .then(function (rest) {
            if (input.value.trim() !== query) return;
            current = {
              query: query,
              results: found.results.concat(rest[0] ? rest[0].results : []),
              shown: 0,
              publicCount: found.results.length,
              data: rest[1]
            };
            if (current.data) showHelp(current);
            return showNext(false);
          });
      });
    });
  }

  more.addEventListener("click", function () {
    if (current) showNext(true);
  });

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    }
  });
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  root.querySelector("form").addEventListener("reset", clear);

  // A search field in a page's content (the start page) opens this search with its words.
  document.querySelectorAll("form[data-mb-search-start]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var words = form.querySelector("input[name=q]");
      if (!words || !words.value.trim()) return;
      event.preventDefault();
      input.value = words.value.trim();
      open();
      input.focus();
      search();
    });
  });

  // A search address (?sok=ord) opens the search with its results, so a search can be shared.
  // (Not ?q=: the method finder uses q for its own text box.)
  var shared = new URLSearchParams(window.location.search).get("sok");
  if (shared) {
    input.value = shared;
    open();
    search();
  }
})();
