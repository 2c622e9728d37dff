// Search in the static copy of the site (flask export-static), where no server answers queries: the same
// folding and ranking as disaster_support/living/search.py, on the language's search-index.json.
(function () {
  var box = document.getElementById("static-search");
  var input = document.getElementById("living-q");
  if (!box || !input) return;
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) return;

  function foldChar(c) {
    if (c === "đ" || c === "Đ") return "d";
    if (c === "ё" || c === "Ё") return "е";
    var out = "";
    for (var p of c.normalize("NFKC")) {
      var code = p.codePointAt(0);
      if (code < 0x500 || (code >= 0x1E00 && code <= 0x1EFF)) out += p.normalize("NFD").replace(/\p{M}/gu, "");
      else if (code >= 0x30A1 && code <= 0x30F6) out += String.fromCharCode(code - 0x60);
      else out += p;
    }
    return out.toLowerCase();
  }
  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30FF) || (n >= 0x3400 && n <= 0x9FFF) || (n >= 0xF900 && n <= 0xFAFF) || n >= 0x20000;
  }
  // Folded text and, for each folded character, the index of the original one.
  function fold(text) {
    var chars = [], map = [], i = 0;
    for (var c of text) {
      var f = foldChar(/\s/.test(c) ? " " : c);
      for (var p of f) { chars.push(p); map.push(i); }
      i += c.length;
    }
    var s = "", m = [];
    for (var k = 0; k < chars.length; k++) {
      if (chars[k] === " " && k > 0 && k < chars.length - 1 && isCjk(chars[k - 1]) && isCjk(chars[k + 1])) continue;
      s += chars[k]; m.push(map[k]);
      if (chars[k].length === 2) m.push(map[k]);
    }
    return { s: s, map: m };
  }
  function spaced(term) { return Array.from(term).every(function (c) { return c.codePointAt(0) < 0x0590; }); }
  function pattern(term) {
    var escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp((spaced(term) ? "(?<![\\p{L}\\p{N}])" : "") + escaped, "gu");
  }
  function count(re, text) { re.lastIndex = 0; var n = 0; while (re.exec(text)) n++; return n; }
  function occurs(re, sections) {
    return sections.some(function (s) { return count(re, s.body.s) || count(re, s.reading.s) || count(re, s.title.s); });
  }
  function segment(term, sections) {
    if (occurs(pattern(term), sections)) return [term];
    if (spaced(term)) {
      for (var cut = 1; cut <= 2; cut++) {
        var stem = term.slice(0, -cut);
        if (stem.length >= 4 && occurs(pattern(stem), sections)) return [stem];
      }
      return [term];
    }
    var pieces = [], chars = Array.from(term), start = 0;
    while (start < chars.length) {
      var end = chars.length;
      while (end > start + 1 && !occurs(pattern(chars.slice(start, end).join("")), sections)) end--;
      pieces.push(chars.slice(start, end).join(""));
      start = end;
    }
    return pieces;
  }

  function search(sections) {
    var words = query.normalize("NFKC").split(/\s+/).map(function (w) { return fold(w).s; }).filter(Boolean);
    var terms = [];
    words.forEach(function (w) { terms = terms.concat(segment(w, sections)); });
    var patterns = terms.map(pattern);
    var chapterHits = patterns.map(function (re) {
      var hits = {};
      sections.forEach(function (s) { hits[s.chapter] = (hits[s.chapter] || 0) + count(re, s.body.s) + count(re, s.reading.s); });
      return hits;
    });
    var scored = sections.map(function (s, position) {
      var matched = 0, score = 0;
      patterns.forEach(function (re, t) {
        var title = count(re, s.title.s) > 0, heading = count(re, s.headingText.s) > 0;
        var body = count(re, s.body.s) + count(re, s.reading.s);
        if (!(title || heading || body)) return;
        matched++;
        score += 8 * title + 4 * heading + Math.min(body, 4) + Math.min(chapterHits[t][s.chapter], 12) / 3;
      });
      return { s: s, matched: matched, score: score, position: position };
    }).filter(function (r) { return r.matched; });
    var best = Math.max.apply(null, scored.map(function (r) { return r.matched; }).concat([0]));
    return { patterns: patterns, results: scored.filter(function (r) { return r.matched === best; })
      .sort(function (a, b) { return b.score - a.score || a.position - b.position; }).slice(0, 30) };
  }

  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  function bounds(text) {
    var list = segmenter ? Array.from(segmenter.segment(text), function (g) { return g.index; })
      : Array.from(text).map(function (c, i, all) { return all.slice(0, i).join("").length; });
    list = list.filter(function (i) { return i === 0 || !/^\p{M}/u.test(text.slice(i)); });
    list.push(text.length);
    return list;
  }
  function snippet(section, patterns) {
    var source = section.body, spans = [];
    function collect(src) {
      patterns.forEach(function (re) {
        re.lastIndex = 0; var m;
        while ((m = re.exec(src.s))) spans.push([src.map[m.index], src.map[m.index + m[0].length - 1] + 1]);
      });
    }
    collect(source);
    if (!spans.length && section.reading.text) { source = section.reading; collect(source); }
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var text = source.text, cuts = bounds(text), first = spans.length ? spans[0][0] : 0, at = 0;
    while (at + 1 < cuts.length && cuts[at + 1] <= first) at++;
    var start = cuts[Math.max(0, at - 50)], end = cuts[Math.min(cuts.length - 1, at + 110)];
    var p = document.createElement("p"), cursor = start;
    p.append(start ? "…" : "");
    spans.forEach(function (span) {
      var a = span[0], b = span[1];
      while (cuts.indexOf(a) < 0 && a > 0) a--;
      while (cuts.indexOf(b) < 0 && b < text.length) b++;
      if (a < cursor || b > end) return;
      var mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      p.append(text.slice(cursor, a), mark);
      cursor = b;
    });
    p.append(text.slice(cursor, end) + (end < text.length ? "…" : ""));
    return p;
  }

  fetch(box.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (index) {
    var sections = index.sections.map(function (s) {
      var holder = document.createElement("div");
      holder.innerHTML = s.heading;
      var title = document.createElement("div");
      title.innerHTML = s.title.replace(/<rt>.*?<\/rt>/g, "");
      var body = fold(s.body), reading = fold(s.reading);
      body.text = s.body; reading.text = s.reading;
      return { raw: s, chapter: s.chapter, title: fold(title.textContent), headingText: fold(holder.textContent),
               body: body, reading: reading };
    });
    var found = search(sections), list = document.getElementById("static-results");
    found.results.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a"), strong = document.createElement("strong");
      a.href = r.s.raw.url;
      strong.innerHTML = r.s.raw.title;  // our own chapter title, escaped when the index was written
      a.append(strong);
      if (r.s.raw.heading) { var h = document.createElement("span"); h.innerHTML = " › " + r.s.raw.heading; a.append(h); }
      li.append(a, snippet(r.s, found.patterns));
      list.append(li);
    });
    document.getElementById("static-status").textContent = found.results.length
      ? box.getAttribute("data-found").replace("%(count)s", found.results.length).replace("%(query)s", query)
      : box.getAttribute("data-none");
  });
})();
