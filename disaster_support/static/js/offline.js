// Progressive enhancement: pages work without this. With it, every page read stays readable offline,
// and "keep" saves a whole language at once. Also remembers a language the reader chose in the switcher.
(function () {
  var root = document.documentElement;

  // The switcher is one row that scrolls sideways on phones: show the current language.
  var current = document.querySelector("nav.languages [aria-current]");
  if (current) current.parentNode.parentNode.scrollLeft = current.offsetLeft - 16;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("nav.languages a");
    if (link) {
      var code = new URL(link.href).pathname.split("/")[1];
      document.cookie = "lang=" + encodeURIComponent(code) + "; path=/; max-age=31536000; samesite=lax";
    }
  });

  if (!("serviceWorker" in navigator) || !window.MessageChannel) return;

  function keep(urls) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { (event.data.ok ? resolve : reject)(); };
        registration.active.postMessage({ keep: urls }, [channel.port2]);
      });
    });
  }

  navigator.serviceWorker.register(root.getAttribute("data-sw") || "/sw.js", { scope: "/" }).then(function () {
    if (navigator.serviceWorker.controller) return;
    // First visit: this page loaded before the worker was in control; keep it and what it shows.
    var urls = [location.href];
    Array.prototype.forEach.call(document.querySelectorAll("img[src], link[rel=stylesheet], link[rel=manifest]"),
      function (element) { urls.push(element.src || element.href); });
    var emergency = root.getAttribute("data-emergency");
    if (emergency) urls.push(emergency);
    keep(urls).catch(function () {});
  });

  var button = document.getElementById("keep-offline");
  if (!button) return;
  var status = document.getElementById("offline-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    keep(JSON.parse(button.getAttribute("data-urls"))).then(function () {
      status.textContent = button.getAttribute("data-done");
    }, function () {
      status.textContent = button.getAttribute("data-failed");
    }).then(function () { button.disabled = false; });
  });
})();
