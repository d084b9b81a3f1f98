/* Five Frames self-check questions: pick an answer, get its feedback at once, try again.
 * No answer is shown or offered before the first pick; once the right answer is found, every option's
 * feedback unfolds below. Progress is kept in this browser (localStorage). Without JavaScript the
 * questions still work: every option's feedback sits in a folded block. The teacher edition's quizzes
 * (.ff-key) keep their answer key open. */
(function () {
  "use strict";
  var STORE = "five-frames:";

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(STORE + key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(STORE + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function forget(key) {
    try { window.localStorage.removeItem(STORE + key); } catch (e) { /* private mode */ }
  }
  /* The pre/post check's script (prepost.js, loaded after this one) keeps its answers the same way. */
  window.fiveFramesStore = { load: load, save: save, forget: forget };

  function setUp(quiz, onChange) {
    var list = quiz.querySelector(".ff-options ul");
    var details = quiz.querySelector("details");
    if (!list || !details) return null;
    var feedback = Array.prototype.map.call(details.querySelectorAll(".ff-fb"), function (fb) {
      return { html: fb.innerHTML, correct: fb.getAttribute("data-correct") === "true" };
    });
    var items = list.querySelectorAll(":scope > li");
    if (items.length !== feedback.length) return null;
    var key = quiz.getAttribute("data-quiz");
    var teacher = quiz.classList.contains("ff-key");
    var live = document.createElement("div");
    live.className = "ff-quiz-feedback";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    var group = document.createElement("div");
    group.className = "ff-choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Answer options");
    var buttons = [];
    Array.prototype.forEach.call(items, function (item, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ff-choice md-button";
      button.innerHTML = item.innerHTML;
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () { choose(index, true); });
      buttons.push(button);
      group.appendChild(button);
    });
    function choose(index, remember) {
      var fb = feedback[index];
      buttons.forEach(function (b, i) {
        b.setAttribute("aria-pressed", String(i === index));
        b.classList.toggle("ff-chosen-right", i === index && fb.correct);
        b.classList.toggle("ff-chosen-wrong", i === index && !fb.correct);
      });
      live.className = "ff-quiz-feedback " + (fb.correct ? "ff-right" : "ff-wrong");
      live.innerHTML = fb.html + (fb.correct ? "" : " <em>Try another answer.</em>");
      quiz.setAttribute("data-state", fb.correct ? "right" : "tried");
      if (fb.correct) details.hidden = false;
      if (remember) { save(key, { choice: index, correct: fb.correct }); onChange(); }
    }
    function reset() {
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", "false");
        b.classList.remove("ff-chosen-right", "ff-chosen-wrong");
      });
      live.className = "ff-quiz-feedback";
      live.innerHTML = "";
      quiz.removeAttribute("data-state");
      details.hidden = !teacher;
      forget(key);
    }
    list.hidden = true;  // kept for print: a worksheet lists the options as text
    list.parentNode.insertBefore(group, list.nextSibling);
    group.parentNode.insertBefore(live, group.nextSibling);
    details.classList.add("ff-answers-js");
    details.hidden = !teacher;  // no answer, nor a control revealing one, before the student has tried
    var saved = load(key);
    if (saved && typeof saved.choice === "number" && saved.choice < buttons.length) choose(saved.choice, false);
    return { reset: reset, quiz: quiz };
  }

  function init() {
    var quizzes = [];
    var progress = document.querySelector(".ff-quiz-progress");
    function update() {
      if (!progress) return;
      var right = quizzes.filter(function (q) { return q.quiz.getAttribute("data-state") === "right"; }).length;
      progress.firstChild.nodeValue = right + " of " + quizzes.length + " answered correctly (saved in this browser). ";
    }
    Array.prototype.forEach.call(document.querySelectorAll(".ff-quiz[data-quiz]"), function (quiz) {
      var q = setUp(quiz, update);
      if (q) quizzes.push(q);
    });
    if (!progress || !quizzes.length) return;
    progress.textContent = "";
    progress.appendChild(document.createTextNode(""));
    var resetButton = document.createElement("button");
    resetButton.type = "button";
    resetButton.className = "md-button ff-reset";
    resetButton.textContent = "Reset my answers";
    resetButton.addEventListener("click", function () {
      quizzes.forEach(function (q) { q.reset(); });
      update();
    });
    progress.appendChild(resetButton);
    progress.hidden = false;
    update();
  }

  /* A link into a folded block (a highlight's number to its note) opens the block and shows the target. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details");
    if (!fold || fold.open) return;
    fold.open = true;
    target.scrollIntoView();
  }

  /* Highlight notes: Escape closes the one shown; near the bottom of the window a note opens above its mark. */
  function setUpTips() {
    function place(mark) {
      var tip = mark.querySelector(".ff-tip");
      if (!tip) return;
      var room = window.innerHeight - mark.getBoundingClientRect().bottom;
      mark.classList.toggle("ff-tip-up", room < (tip.offsetHeight || 120) + 16);
    }
    /* On a phone every note opens as a sheet at the same place: where highlights overlap, a tap shows the notes of
     * the mark and of the marks around it, so they are stacked, innermost first, not drawn over each other. */
    function stack(mark) {
      var up = mark.classList.contains("ff-tip-up"), offset = 0, phone = window.matchMedia("(max-width: 600px)").matches;
      for (var m = mark; m; m = m.parentElement && m.parentElement.closest("mark.ff-mark")) {
        var tip = m.querySelector(":scope > .ff-tip");
        if (!tip) continue;
        m.classList.toggle("ff-tip-up", up);
        tip.style.setProperty("--ff-stack", (phone ? offset : 0) + "px");
        offset += tip.offsetHeight + 6;
      }
    }
    function placeSoon(event) {
      var mark = event.target.closest && event.target.closest("mark.ff-mark");
      if (!mark) return;
      mark.classList.remove("ff-tip-closed");  /* once, now: the second placing must not undo an Escape since */
      place(mark);
      stack(mark);
      window.requestAnimationFrame(function () { place(mark); stack(mark); });
    }
    document.addEventListener("mouseover", placeSoon);
    document.addEventListener("focusin", placeSoon);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      Array.prototype.forEach.call(document.querySelectorAll("mark.ff-mark:hover, mark.ff-mark:focus-within"),
        function (mark) { mark.classList.add("ff-tip-closed"); });
    });
  }

  /* From a folder (file://) a browser may open a notebook as text instead of saving it: say how to save it. */
  function offlineDownloadHint() {
    if (window.location.protocol !== "file:") return;
    Array.prototype.forEach.call(document.querySelectorAll("a[download][href$='.ipynb']:last-of-type"), function (link) {
      var hint = document.createElement("span");
      hint.className = "ff-offline-hint";
      hint.textContent = " Opened from a folder, your browser may show the notebook as text: right-click (or long-press) " +
        "the button and choose \u201cSave link as\u201d.";
      link.parentNode.appendChild(hint);
    });
  }

  /* Cold reads: a passage shown plain, an answer box kept in this browser, and a button that reveals its
   * highlights. Until then the folded reveal and the passage's notes are out of the page (print shows them). */
  function setUpColdReads() {
    var backs = document.querySelectorAll("a.ff-back");  // each note ends with a link back to its passage
    Array.prototype.forEach.call(backs, function (back) {
      var list = back.closest("ol");  // numbered as written, even while a cold read's notes are hidden
      if (list) Array.prototype.forEach.call(list.children, function (li, i) { li.value = i + 1; });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".ff-cold[data-cold]"), function (block, n) {
      var fold = block.querySelector("details");
      var plain = block.querySelector(":scope > blockquote");
      var ask = block.querySelector(".ff-cold-prompt");
      var revealed = fold && fold.querySelector("blockquote");
      if (!fold || !plain || !ask || !revealed) return;
      var key = "cold/" + block.getAttribute("data-cold");
      var mine = Array.prototype.filter.call(backs, function (a) { return a.getAttribute("href") === "#" + block.id; })
        .map(function (a) { return a.closest("li"); }).filter(Boolean);
      ask.id = ask.id || "ff-cold-prompt-" + n;  // the prompt labels the answer box: one line less on a phone
      var box = document.createElement("textarea");
      box.className = "ff-cold-answer";
      box.rows = 2;
      box.setAttribute("aria-labelledby", ask.id);
      box.placeholder = "Your answer (kept in this browser)";  // the builder's words: they fit any prompt
      var saved = load(key);
      if (typeof saved === "string") box.value = saved;
      box.addEventListener("input", function () { save(key, box.value); });
      ask.parentNode.insertBefore(box, ask.nextSibling);
      if (block.classList.contains("ff-key")) return;  // the teacher edition: the reveal stays open in place
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button ff-cold-reveal";
      button.textContent = fold.querySelector("summary").textContent;
      box.parentNode.insertBefore(button, box.nextSibling);
      var rest = Array.prototype.filter.call(fold.children, function (c) {
        return c.tagName !== "SUMMARY" && c !== revealed;
      });
      var place = document.createComment("cold read");
      fold.parentNode.replaceChild(place, fold);
      mine.forEach(function (li) { li.hidden = true; });
      var shown = false;
      function reveal() {
        shown = true;
        revealed.setAttribute("tabindex", "-1");
        plain.parentNode.replaceChild(revealed, plain);
        var after = button;
        rest.forEach(function (c) { after.parentNode.insertBefore(c, after.nextSibling); after = c; });
        mine.forEach(function (li) { li.hidden = false; });
        button.remove();
        place.remove();
        block.setAttribute("data-state", "revealed");
        revealed.focus();
      }
      button.addEventListener("click", reveal);
      /* Print cannot hide: the worksheet has the plain passage, ruled space, then the reveal. */
      window.addEventListener("beforeprint", function () {
        if (shown || !place.parentNode) return;
        fold.open = true;
        place.parentNode.insertBefore(fold, place);
      });
      window.addEventListener("afterprint", function () {
        if (!shown && fold.parentNode) fold.parentNode.removeChild(fold);
      });
    });
  }

  function start() { init(); setUpColdReads(); openTarget(); setUpTips(); offlineDownloadHint(); }
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
