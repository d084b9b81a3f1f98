/* Five Frames pre/post check (the "Check yourself before lesson 1 / after" pages).
 * The student picks one option per item; the picks are kept in this browser only (localStorage), so a reload
 * keeps them, and nothing is sent anywhere. Until every item is answered and "Show my score" is pressed, no
 * answer is shown or offered: each item's folded answer is hidden. Then the page shows the score, and for
 * each item whether the pick was right, the right answer and why; the picks are locked until "Clear my answers".
 * Without JavaScript the folded answers stay where they are. */
(function () {
  "use strict";
  var LETTERS = "ABCD";
  var store = window.fiveFramesStore;  /* five-frames.js: localStorage under the course's prefix */
  if (!store) return;
  var load = store.load, save = store.save, forget = store.forget;

  function setUpItem(item, onChange) {
    var details = item.querySelector("details");
    var keyMark = details && details.querySelector(".ff-check-key");
    var result = item.querySelector(".ff-check-result");
    var radios = Array.prototype.slice.call(item.querySelectorAll(".ff-check-options input[type=radio]"));
    if (!keyMark || !result || !radios.length) return null;
    var state = {
      key: item.getAttribute("data-item"),
      number: item.id.replace("item-", ""),
      answer: Number(keyMark.getAttribute("data-answer")),
      clean: keyMark.getAttribute("data-clean") === "true",
      details: details, result: result, radios: radios
    };
    details.hidden = true;  // no answer, nor a control revealing one, before the score is asked for
    var saved = load(state.key);
    if (saved && typeof saved.choice === "number" && radios[saved.choice]) radios[saved.choice].checked = true;
    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        save(state.key, { choice: Number(radio.value) });
        onChange();
      });
    });
    return state;
  }

  function chosen(state) {
    for (var i = 0; i < state.radios.length; i++) if (state.radios[i].checked) return i;
    return -1;
  }

  function init() {
    var items = document.querySelectorAll(".ff-check-item[data-item]");
    var status = document.querySelector(".ff-check-status");
    var score = document.querySelector(".ff-check-score");
    if (!items.length || !status || !score) return;
    var states = [];
    var count = document.createElement("span");
    var show = document.createElement("button");
    var clear = document.createElement("button");
    var scoredKey = "check-scored/" + Array.prototype.map.call(items, function (i) {
      return i.getAttribute("data-item");
    }).join("|");

    function update() {
      var answered = states.filter(function (s) { return chosen(s) >= 0; }).length;
      count.textContent = answered + " of " + states.length + " answered (kept in this browser only). ";
    }
    function showScore(remember) {
      var missing = states.filter(function (s) { return chosen(s) < 0; });
      score.hidden = false;
      if (missing.length) {
        score.className = "ff-check-score ff-wrong";
        score.textContent = "Answer every item first. Not answered yet: item " +
          missing.map(function (s) { return s.number; }).join(", item ") + ".";
        return;
      }
      var right = 0, clean = 0, cleanRight = 0;
      states.forEach(function (s) {
        var pick = chosen(s), ok = pick === s.answer;
        right += ok ? 1 : 0;
        if (s.clean) { clean += 1; cleanRight += ok ? 1 : 0; }
        s.result.textContent = ok ? "Your answer, " + LETTERS[pick] + ", is right." :
          "Your answer was " + LETTERS[pick] + "; the right answer is " + LETTERS[s.answer] + ". See why below.";
        s.result.className = "ff-check-result " + (ok ? "ff-right" : "ff-wrong");
        s.result.hidden = false;
        s.details.hidden = false;
        s.details.open = true;
        s.radios.forEach(function (r) { r.disabled = true; });
      });
      score.className = "ff-check-score ff-right";
      score.textContent = "Your score: " + right + " of " + states.length + ". On the " + clean +
        " items with nothing wrong in them (no technique, or a strong attribution): " + cleanRight + " of " +
        clean + ". Each item now shows the right answer and why.";
      show.hidden = true;
      if (remember) { save(scoredKey, true); score.focus(); }
    }
    function clearAll() {
      states.forEach(function (s) {
        s.radios.forEach(function (r) { r.checked = false; r.disabled = false; });
        s.result.hidden = true;
        s.result.textContent = "";
        s.details.open = false;
        s.details.hidden = true;
        forget(s.key);
      });
      forget(scoredKey);
      score.hidden = true;
      score.textContent = "";
      show.hidden = false;
      update();
    }

    Array.prototype.forEach.call(items, function (item) {
      var s = setUpItem(item, update);
      if (s) states.push(s);
    });
    if (!states.length) return;
    show.type = clear.type = "button";
    show.className = "md-button ff-check-show";
    clear.className = "md-button ff-reset";
    show.textContent = "Show my score";
    clear.textContent = "Clear my answers";
    show.addEventListener("click", function () { showScore(true); });
    clear.addEventListener("click", clearAll);
    score.setAttribute("tabindex", "-1");
    var actions = document.createElement("p");
    actions.className = "ff-check-actions";
    actions.appendChild(show);
    actions.appendChild(clear);
    score.parentNode.insertBefore(actions, score);
    status.textContent = "";
    status.appendChild(count);
    status.hidden = false;
    update();
    if (load(scoredKey)) showScore(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
