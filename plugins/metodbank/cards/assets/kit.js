// Metodbanken: "Kopiera planen" copies a method's plan (Markdown) to the clipboard.
// If the clipboard is not available, the plan is downloaded instead.
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
  document.querySelectorAll("[data-mb-copy]").forEach(function (button) {
    var status = document.querySelector("[data-mb-copy-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-mb-copy");
      fetch(url)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (text) {
          if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
          return navigator.clipboard.writeText(text);
        })
        .then(function () {
          status.textContent = "Planen är kopierad. Klistra in den i ett dokument och fyll i.";
        })
        .catch(function () {
          download(url);
          status.textContent = "Kopieringen gick inte, så planen laddades ned i stället.";
        });
    });
  });
})();
