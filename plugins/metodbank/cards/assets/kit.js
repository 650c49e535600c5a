// Metodbanken: "Kopiera planen" puts a method's plan on the clipboard as formatted text
// (HTML, so headings, lists and the roles table survive a paste into Word, Teams or e-mail)
// with plain text beside it for programs that take only text. Where the browser allows only
// plain text, plain text is copied; where it allows nothing, the Word document is downloaded.
(function () {
  "use strict";
  function download(url) {
    var link = document.createElement("a");
    link.href = url;
    link.download = url.split("/").pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function fetchText(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    });
  }
  function planHtml(page) {
    var doc = new DOMParser().parseFromString(page, "text/html");
    var plan = doc.querySelector("main");
    return plan ? plan.innerHTML : doc.body.innerHTML;
  }
  function copy(html, text) {
    if (!navigator.clipboard || !window.isSecureContext) return Promise.reject(new Error("no clipboard"));
    if (window.ClipboardItem && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })
      });
      return navigator.clipboard.write([item]).catch(function () {
        return navigator.clipboard.writeText(text);
      });
    }
    return navigator.clipboard.writeText(text);
  }
  document.querySelectorAll("[data-mb-copy]").forEach(function (button) {
    var status = document.querySelector("[data-mb-copy-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var fallback = button.getAttribute("data-mb-copy-fallback");
      Promise.all([fetchText(button.getAttribute("data-mb-copy")), fetchText(button.getAttribute("data-mb-copy-text"))])
        .then(function (pages) { return copy(planHtml(pages[0]), pages[1]); })
        .then(function () {
          status.textContent = "Planen är kopierad. Klistra in den i ett dokument, ett mejl eller Teams och fyll i.";
        })
        .catch(function () {
          download(fallback);
          status.textContent = "Kopieringen gick inte, så planen laddades ned som Word-dokument i stället.";
        });
    });
  });
})();
