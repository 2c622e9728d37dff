// Offline by default: every page read is kept (stale-while-revalidate), so it opens again without a
// connection; a page never kept opens the offline page of its language. Accounts, the board and edit
// links are never kept: they are personal and must be fresh.
var CACHE = "pages-v2";
var ESSENTIALS = {{ essentials|tojson }};
var OFFLINE = {{ offline_pages|tojson }};
var PRIVATE = /^\/([^/]+\/)?(account|board)(\/|$)|\/edit\/|^\/healthz|^\/sw\.js$/;

self.addEventListener("install", function (event) {
  // One by one, and a missing one is no failure: a static copy may hold only some languages.
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(ESSENTIALS.map(function (url) { return cache.add(url).catch(function () {}); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// A response that was redirected cannot answer a navigation: keep its body and headers only.
function plain(response) {
  if (!response || !response.redirected) return response;
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  });
}

function offlinePage(url) {
  var lang = url.pathname.split("/")[1];
  var page = OFFLINE[lang] || OFFLINE[(navigator.language || "").split("-")[0]] || OFFLINE.en;
  return caches.match(page).then(function (hit) { return hit || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || PRIVATE.test(url.pathname)) return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") {
          return cache.put(request, response.clone()).then(function () { return response; });
        }
        return response;
      });
      if (hit) {
        event.waitUntil(fresh.catch(function () {}));
        return plain(hit);
      }
      return fresh.catch(function () {
        return request.mode === "navigate" ? offlinePage(url) : Response.error();
      });
    });
  }));
});

// The page asks to keep pages it was opened before the worker was in control, and "keep everything".
self.addEventListener("message", function (event) {
  var urls = event.data && event.data.keep;
  if (!urls) return;
  var done = caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (u) {
      return fetch(u).then(function (response) {
        if (!response.ok) throw new Error(u + ": " + response.status);
        return cache.put(u, response);
      });
    }));
  });
  event.waitUntil(done.then(function () { event.ports[0] && event.ports[0].postMessage({ ok: true }); },
    function () { event.ports[0] && event.ports[0].postMessage({ ok: false }); }));
});
