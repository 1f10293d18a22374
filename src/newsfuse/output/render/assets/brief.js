// newsfuse briefing page: clicking a citation lights up the cited words in the article text.
(function () {
  "use strict";
  function clear() {
    document.querySelectorAll(".seg.hl").forEach(function (el) { el.classList.remove("hl"); });
  }
  function highlight(doc, start, end) {
    clear();
    var article = document.querySelector('article[data-doc="' + doc + '"]');
    if (!article) { return null; }
    var first = null;
    article.querySelectorAll(".seg").forEach(function (seg) {
      var s = Number(seg.dataset.s), e = Number(seg.dataset.e);
      if (s >= start && e <= end && e > s) {
        seg.classList.add("hl");
        if (!first) { first = seg; }
      }
    });
    return first;
  }
  function fromHash() {
    var m = /^#c(\d+)-(\d+)-(\d+)$/.exec(window.location.hash);
    if (m) {
      var first = highlight(m[1], Number(m[2]), Number(m[3]));
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.cite") : null;
    if (!link) { return; }
    event.preventDefault();
    var first = highlight(link.dataset.doc, Number(link.dataset.s), Number(link.dataset.e));
    if (first) {
      history.replaceState(null, "", link.getAttribute("href"));
      first.scrollIntoView({ behavior: "smooth", block: "center" });
    }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
