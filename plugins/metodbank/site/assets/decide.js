// Metodbanken: the decision helper ("Vilken metod passar oss?").
// The rules come ready-made from the build (vilken-metod/metoder.json): each method has a
// list of weighted rules, and this script only adds up the ones the answers switch on, sorts,
// and shows the result with the reasons. Answers live in the address (tema, malgrupp, insats,
// partner, provat); every change is a new history entry, so the back button steps back.
(function () {
  "use strict";

  var QUESTIONS = ["tema", "malgrupp", "insats", "partner", "provat"];

  function element(tag, text, className) {
    return window.MetodbankShare.element(tag, text, className);
  }

  function setUp(form) {
    var result = document.querySelector("[data-mb-decide-result]");
    var list = result && result.querySelector("[data-mb-results]");
    if (!list) return;
    var counter = result.querySelector("[data-mb-decide-count]");
    var nojs = document.querySelector("[data-mb-decide-nojs]");
    var methods = null;

    function inputs(name) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
    }

    function readAnswers() {
      var answers = {};
      QUESTIONS.forEach(function (name) {
        answers[name] = inputs(name)
          .filter(function (input) { return input.checked && input.value !== ""; })
          .map(function (input) { return input.value; });
      });
      return answers;
    }

    function applyAddress(search) {
      var params = new URLSearchParams(search);
      QUESTIONS.forEach(function (name) {
        var wanted = params.getAll(name);
        inputs(name).forEach(function (input) {
          input.checked = input.type === "radio" && input.value === "" ? !wanted.length : wanted.indexOf(input.value) !== -1;
        });
      });
    }

    function toSearch(answers) {
      var params = new URLSearchParams();
      QUESTIONS.forEach(function (name) {
        answers[name].forEach(function (value) { params.append(name, value); });
      });
      var search = params.toString();
      return search ? "?" + search : "";
    }

    function active(rule, answers) {
      var picked = answers[rule.question] || [];
      var hit = rule.values.some(function (value) { return picked.indexOf(value) !== -1; });
      return rule.when === "picked" ? hit : picked.length > 0 && !hit;
    }

    function score(method, answers) {
      var match = { method: method, score: 0, reasons: [], warnings: [], excluded: false };
      method.rules.forEach(function (rule) {
        if (!active(rule, answers)) return;
        if (rule.exclude) match.excluded = true;
        match.score += rule.points;
        if (rule.points > 0) match.reasons.push(rule.reason);
        else if (rule.points < 0) match.warnings.push(rule.reason);
      });
      return match;
    }

    function rank(answers) {
      return methods
        .map(function (method) { return score(method, answers); })
        .filter(function (match) { return match.score > 0 && !match.excluded; })
        .sort(function (a, b) {
          return b.score - a.score || b.method.cases - a.method.cases || a.method.order - b.method.order;
        });
    }

    function bullets(title, lines) {
      var wrap = document.createDocumentFragment();
      if (!lines.length) return wrap;
      wrap.appendChild(element("p", title, "mb-decide__label"));
      var ul = element("ul");
      lines.forEach(function (line) { ul.appendChild(element("li", line)); });
      wrap.appendChild(ul);
      return wrap;
    }

    function item(match, place) {
      var method = match.method;
      var cautions = match.warnings.concat(method.not_when.map(function (text) { return "Passar inte när: " + text; }));
      var li = element("li", null, "mb-decide__item");
      li.setAttribute("data-id", method.id);
      li.setAttribute("data-csv", JSON.stringify([
        String(place), method.title, match.reasons.join("; "), cautions.join("; "), method.evidence, method.effort, method.address
      ]));
      var heading = element("h3", null, "mb-decide__title");
      var link = element("a", method.title);
      link.href = method.href;
      heading.appendChild(link);
      li.appendChild(heading);
      li.appendChild(element("p", method.summary, "mb-list__summary"));
      li.appendChild(bullets("Därför passar den:", match.reasons));
      li.appendChild(bullets("Tänk på:", cautions));
      var facts = element("p", null, "mb-list__meta");
      facts.appendChild(element("strong", "Belägg: "));
      facts.appendChild(document.createTextNode(method.evidence + " "));
      facts.appendChild(element("strong", "Insats: "));
      facts.appendChild(document.createTextNode(method.effort));
      li.appendChild(facts);
      var pick = element("label", null, "mb-compare-pick");
      pick.setAttribute("data-mb-compare-pick", "");
      var box = element("input");
      box.type = "checkbox";
      box.value = method.id;
      box.setAttribute("data-mb-compare", "");
      pick.appendChild(box);
      pick.appendChild(document.createTextNode(" Jämför " + method.title));
      li.appendChild(pick);
      return li;
    }

    function render(answers) {
      var any = QUESTIONS.some(function (name) { return answers[name].length; });
      var matches = any ? rank(answers) : [];
      list.textContent = "";
      matches.forEach(function (match, index) { list.appendChild(item(match, index + 1)); });
      if (!any) counter.textContent = "Svara på minst en fråga, så visas de metoder som passar.";
      else if (!matches.length) counter.textContent = "Ingen metod passar de svaren. Ändra något svar eller börja om.";
      else counter.textContent = matches.length + (matches.length === 1 ? " metod passar." : " metoder passar.");
    }

    function update() {
      var answers = readAnswers();
      render(answers);
      var search = toSearch(answers);
      if (search === window.location.search) return;
      try {
        window.history.pushState({ mbDecide: true }, "", window.location.pathname + search + window.location.hash);
      } catch (error) {
        // An embedded view may forbid it; the answers still apply.
      }
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    window.addEventListener("popstate", function () {
      if (!methods) return;
      applyAddress(window.location.search);
      render(readAnswers());
    });

    var source = form.getAttribute("data-source");
    if (!source || typeof window.fetch !== "function") return;
    window
      .fetch(new URL(source, document.baseURI).href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (!data || !Array.isArray(data.methods)) throw new Error("no methods");
        methods = data.methods;
        applyAddress(window.location.search);
        form.hidden = false;
        result.hidden = false;
        if (nojs) nojs.hidden = true;
        render(readAnswers());
        form.setAttribute("data-mb-ready", "");
      })
      .catch(function () {
        // Without the data the questions stay as links to the finder.
        form.setAttribute("data-mb-unavailable", "");
      });
  }

  function init() {
    var forms = document.querySelectorAll("form[data-mb-decide]");
    for (var i = 0; i < forms.length; i++) setUp(forms[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
