/* Five Frames search log: the "Read laterally" box's form, kept in this browser only (localStorage).
 * Nothing is sent anywhere and nothing is checked: the page says so. Without JavaScript the form stays
 * hidden (a log that could not be kept would lose what the student typed); the notebook has the same task. */
(function () {
  "use strict";
  var STORE = "five-frames:search-log:";

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(STORE + key)) || {}; } catch (e) { return {}; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(STORE + key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function setUp(form) {
    var key = form.getAttribute("data-log");
    var fields = form.querySelectorAll("input, textarea");
    var status = form.querySelector(".ff-log-status");
    var kept = load(key);
    Array.prototype.forEach.call(fields, function (field) {
      if (typeof kept[field.name] === "string") field.value = kept[field.name];
      field.addEventListener("input", function () {
        var log = {};
        Array.prototype.forEach.call(fields, function (f) { log[f.name] = f.value; });
        status.textContent = save(key, log)
          ? "Saved in this browser only. Nobody checks it: compare it with what a careful reader finds."
          : "This browser cannot keep your log (private mode?): copy it somewhere before you leave.";
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("form.ff-search-log"), setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
