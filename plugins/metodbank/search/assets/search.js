// Metodbanken: site search in the Material header, backed by Pagefind's chunked index.
// Pagefind stems Swedish (from <html lang="sv">) and loads only the index chunks a query needs.
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
  var loading = null;
  var PAGE = 10;
  var current = null; // the latest search: { results, shown }
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button mb-search-more";
  more.textContent = "Visa fler träffar";
  more.hidden = true;
  list.parentNode.appendChild(more);

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

  function render(results, total, append) {
    if (!append) list.textContent = "";
    meta.textContent = total === 0 ? "Inga träffar" : total === 1 ? "1 träff" : total + " träffar";
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = result.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = (result.meta && result.meta.title) || result.url;
      var excerpt = document.createElement("p");
      excerpt.appendChild(safeExcerpt(result.excerpt || ""));
      article.appendChild(title);
      article.appendChild(excerpt);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    more.hidden = !current || current.shown >= current.results.length;
  }

  function showNext(append) {
    var search = current;
    var batch = search.results.slice(search.shown, search.shown + PAGE);
    search.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (search === current) render(data, search.results.length, append);
    });
  }

  function search() {
    var query = input.value.trim();
    if (!query) {
      current = null;
      list.textContent = "";
      more.hidden = true;
      meta.textContent = "Skriv för att söka";
      return;
    }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(query, {}, 150).then(function (found) {
        if (found === null) return; // a newer query replaced this one
        current = { results: found.results, shown: 0 };
        return showNext(false);
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
  root.querySelector("form").addEventListener("reset", function () {
    current = null;
    more.hidden = true;
    list.textContent = "";
    meta.textContent = "Skriv för att söka";
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
