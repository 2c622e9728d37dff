// Offline reading: answer from the network when there is one (fresh content), else from the pages
// the reader chose to keep (cache "living-v1", filled by offline.js).
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", function (event) {
  if (event.request.method !== "GET") return;
  event.respondWith(
    fetch(event.request).catch(function () {
      return caches.open("living-v1").then(function (cache) {
        return cache.match(event.request, { ignoreSearch: true }).then(function (hit) {
          return hit || Response.error();
        });
      });
    })
  );
});
