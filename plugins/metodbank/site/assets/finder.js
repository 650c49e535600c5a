// Metodbanken: the method finder ("Hitta metod").
// The page lists every method without JavaScript. This script reads the filters from the
// address (q, tema, malgrupp, insats, steg, belagg), sets the form controls, hides the methods that
// do not match and writes every change back into the address, so that it can be shared.
// Only native form controls are used: Tab, Space and Enter work as usual, and focus stays put.
(function () {
  "use strict";

  var GROUPS = [
    { param: "tema", field: "themes", list: true },
    { param: "malgrupp", field: "target_groups", list: true },
    { param: "insats", field: "effort", list: false }
  ];
  var DEBOUNCE_MS = 150;

  function lower(text) {
    // Lowercase only: å, ä and ö are letters of their own in Swedish and are not folded.
    text = String(text == null ? "" : text).toLowerCase();
    return text.normalize ? text.normalize("NFC") : text;
  }

  function words(query) {
    return lower(query).split(/\s+/).filter(function (word) { return word !== ""; });
  }

  function toCount(value) {
    var number = parseInt(value, 10);
    return isNaN(number) || number < 0 ? 0 : number;
  }

  function setUp(form) {
    var list = document.querySelector("[data-mb-results]");
    if (!list) return;
    var counter = document.querySelector("[data-mb-count]");
    var empty = document.querySelector("[data-mb-empty]");
    var query = form.querySelector("#mb-finder-q");
    var evidence = form.querySelector("#mb-finder-belagg");
    var ladder = form.querySelector("#mb-finder-steg");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-id]"));
    var records = null;
    var timer = null;
    var changedEarly = false;

    function boxes(name) {
      return Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="' + name + '"]'));
    }

    function ensureEvidenceOption(value) {
      // A shared address may ask for a minimum that the select does not offer: add it.
      if (!evidence || value === 0) return;
      var options = Array.prototype.slice.call(evidence.options);
      if (options.some(function (option) { return toCount(option.value) === value; })) return;
      var option = document.createElement("option");
      option.value = String(value);
      option.textContent = value + " fall";
      var after = options.filter(function (other) { return toCount(other.value) > value; })[0];
      evidence.insertBefore(option, after || null);
    }

    // --- state: the form controls are the single source of truth ---------------------------

    function readControls() {
      var state = {
        q: query ? query.value : "",
        belagg: evidence ? toCount(evidence.value) : 0,
        steg: ladder ? toCount(ladder.value) : 0
      };
      GROUPS.forEach(function (group) {
        state[group.param] = boxes(group.param)
          .filter(function (box) { return box.checked; })
          .map(function (box) { return box.value; });
      });
      return state;
    }

    function applyAddress(search) {
      var params = new URLSearchParams(search);
      if (query) query.value = params.get("q") || "";
      GROUPS.forEach(function (group) {
        var wanted = params.getAll(group.param);
        boxes(group.param).forEach(function (box) {
          box.checked = wanted.indexOf(box.value) !== -1;
        });
      });
      if (ladder) {
        ladder.value = String(toCount(params.get("steg")));
        if (toCount(ladder.value) !== toCount(params.get("steg"))) ladder.selectedIndex = 0;
      }
      if (evidence) {
        var minimum = toCount(params.get("belagg"));
        ensureEvidenceOption(minimum);
        evidence.value = String(minimum);
        if (toCount(evidence.value) !== minimum) evidence.selectedIndex = 0;
      }
    }

    function toSearch(state) {
      var params = new URLSearchParams();
      var text = state.q.trim();
      if (text) params.append("q", text);
      GROUPS.forEach(function (group) {
        state[group.param].forEach(function (value) { params.append(group.param, value); });
      });
      if (state.steg > 0) params.append("steg", String(state.steg));
      if (state.belagg > 0) params.append("belagg", String(state.belagg));
      var search = params.toString();
      return search ? "?" + search : "";
    }

    function writeAddress(state) {
      var search = toSearch(state);
      if (search === window.location.search) return;
      try {
        window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
      } catch (error) {
        // Some embedded views forbid replaceState; the filters still work.
      }
    }

    // --- filtering ---------------------------------------------------------------------------

    function matches(record, state, terms) {
      if (!record) return false;
      for (var i = 0; i < GROUPS.length; i++) {
        var wanted = state[GROUPS[i].param];
        if (!wanted.length) continue;
        var values = GROUPS[i].list ? record[GROUPS[i].field] || [] : [record[GROUPS[i].field]];
        if (!values.some(function (value) { return wanted.indexOf(value) !== -1; })) return false;
      }
      if ((record.cases || 0) < state.belagg) return false;
      if (state.steg && (record.evidence ? record.evidence.step : 0) < state.steg) return false;
      return terms.every(function (term) { return record.haystack.indexOf(term) !== -1; });
    }

    function isEmpty(state, terms) {
      return !terms.length && !state.belagg && !state.steg && GROUPS.every(function (group) { return !state[group.param].length; });
    }

    function filter(state) {
      var terms = words(state.q);
      var all = isEmpty(state, terms);
      var shown = 0;
      items.forEach(function (item) {
        var visible = all || matches(records[item.getAttribute("data-id")], state, terms);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      if (counter) counter.textContent = shown + (shown === 1 ? " metod." : " metoder.");
      if (empty) empty.hidden = shown !== 0;
      if (empty && shown === 0) suggest(state.q);
    }

    function suggest(text) {
      // Themes and target groups whose everyday words match the text: a way on, never a dead end.
      var box = empty.querySelector("[data-mb-terms]");
      var source = empty.getAttribute("data-suggestions");
      if (!box || !source || !window.Metodbank) return;
      var url = new URL(source, document.baseURI);
      window.Metodbank.loadSuggestions(url.href).then(function (data) {
        window.Metodbank.renderTerms(box, window.Metodbank.matchTerms(text, data), new URL("..", url).href);
      }).catch(function () { box.textContent = ""; });
    }

    function update() {
      if (timer !== null) {
        window.clearTimeout(timer);
        timer = null;
      }
      if (!records) {
        changedEarly = true;
        return;
      }
      var state = readControls();
      filter(state);
      writeAddress(state);
    }

    function later() {
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(update, DEBOUNCE_MS);
    }

    // --- events ------------------------------------------------------------------------------

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    form.addEventListener("change", update);
    form.addEventListener("input", function (event) {
      if (event.target === query) later();
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls are reset.
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(update, 0);
    });

    applyAddress(window.location.search);

    var source = form.getAttribute("data-catalogue");
    if (!source || typeof window.fetch !== "function") return;
    var url;
    try {
      url = new URL(source, document.baseURI).href;
    } catch (error) {
      return;
    }
    window
      .fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (!Array.isArray(data)) throw new Error("the catalogue is not a list");
        var byId = Object.create(null);
        data.forEach(function (record) {
          if (!record || typeof record.id !== "string") return;
          record.haystack = lower([record.title, record.summary, record.text].join(" "));
          byId[record.id] = record;
        });
        records = byId;
        var state = readControls();
        filter(state);
        // The address is left as it came unless the reader changed something while loading.
        if (changedEarly) writeAddress(state);
        form.setAttribute("data-mb-ready", "");
      })
      .catch(function () {
        // Without the catalogue the full, server-rendered list stays as it is.
        records = null;
        items.forEach(function (item) { item.hidden = false; });
        if (counter) counter.textContent = items.length + (items.length === 1 ? " metod." : " metoder.");
        if (empty) empty.hidden = true;
        form.setAttribute("data-mb-unavailable", "");
      });
  }

  function init() {
    var forms = document.querySelectorAll("form[data-mb-finder]");
    for (var i = 0; i < forms.length; i++) setUp(forms[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
