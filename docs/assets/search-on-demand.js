/* Five Frames: fetch the search index only when the reader turns to search.
 * The theme (Material for MkDocs, or Zensical) requests its index (search/search_index.json, or search.json)
 * with XMLHttpRequest as every page loads: over half a megabyte a student who never searches pays for.
 * Loaded before the theme's script, this holds that one request back until the reader focuses or clicks the
 * search box or button, presses a search shortcut, or opens a page with a search query (?q=); then it is sent.
 * Offline (file://) the themes load the index as a script instead, which this leaves alone. */
(function () {
  "use strict";
  var INDEX = /(^|\/)(search\/search_index\.json|search\.json)(\?|$)/;
  var SHORTCUTS = { "/": true, s: true, f: true, k: true };
  var wanted = /[?&]q=/.test(window.location.search);
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.ffSearchIndex = INDEX.test(new URL(String(url), window.location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.ffSearchIndex || wanted) return send.apply(this, arguments);
    held.push([this, arguments]);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }
  function inSearch(event) {
    var target = event.target;
    return target && target.closest && target.closest(".md-search, [for='__search'], .md-search__button") !== null;
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event)) want(); }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event)) want(); }, true);
  document.addEventListener("click", function (event) { if (inSearch(event)) want(); }, true);
  document.addEventListener("keydown", function (event) {
    if (SHORTCUTS[String(event.key).toLowerCase()]) want();
  }, true);
})();
