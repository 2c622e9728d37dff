// Progressive enhancement: pages work without this. With it, a reader can keep a language offline.
(function () {
  var button = document.getElementById("keep-offline");
  if (!button || !("serviceWorker" in navigator) || !window.caches) return;
  var status = document.getElementById("offline-status");
  button.hidden = false;
  navigator.serviceWorker.register("/sw.js", { scope: "/" });
  button.addEventListener("click", function () {
    var urls = JSON.parse(button.getAttribute("data-urls"));
    button.disabled = true;
    caches.open("living-v1").then(function (cache) {
      return cache.addAll(urls);
    }).then(function () {
      status.textContent = button.getAttribute("data-done");
    }, function () {
      status.textContent = button.getAttribute("data-failed");
    }).then(function () { button.disabled = false; });
  });
})();
