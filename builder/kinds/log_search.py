"""Log a search: the learner leaves the page, searches, and records the query, the top results, the one
they trusted and why.

The notebook checks only what a computer can: that the log is complete and hangs together (two or more
different results, the trusted one among them, a "why" in the learner's own sentences that names who runs
the site or what evidence it shows). It says plainly that it cannot judge whether the search was good, and
records the log (never "right") with one careful reader's log to compare.
"""

from __future__ import annotations

import json

from ..escape import visible_data
from ..notebooks import in_triple_quotes
from ..prose import plain
from .base import ExerciseKind, KeyItem, LessonChecks

WHY_WORDS = (12, 150)
"""How many words the "why" of a log may have."""

RUNTIME = r'''
_LOG_KEYS = ("query", "results", "trusted", "why")
_LOG_CUES = frozenset("""
    run runs ran running owned owner owners owns own publish publishes published publisher publishers fund funds
    funded funder funders funding founded founder backed paid sponsor sponsored nonprofit company corporation
    government state party group staff editor editors journalist journalists reporter reporters author
    evidence source sources sourced sourcing document documents data record records cite cites cited link links
    linked named name dated date official officials treaty law statistics figures standards corrections policy
    about encyclopedia archive archived original transcript primary wire agency
""".split())
_LOG_LIMITS = ("What this check cannot do: it cannot see your search or the pages you found, so it cannot tell "
               "whether your search was a good one or whether you trusted the right result. It checked only that "
               "your log is complete and hangs together. Judge the search yourself with the questions below.")
_LOG_QUESTIONS = ("Did your query name the outlet, the author or the claim, not the article's own title?",
                  "Does the result you trusted say who runs it, and can you see where its facts come from?",
                  "What does that site gain if you believe it, and what can it not tell you?",
                  "Would a careful reader on another side of the issue trust it for this fact too?")


def _site_key(text):
    """A result as typed, folded, without the parts of an address that do not tell sites apart."""
    text = _fold(text)
    for start in ("https://", "http://", "www."):
        text = text[len(start):] if text.startswith(start) else text
    return text.rstrip("/ ")


def _looks_like_site(text):
    return re.search(r"\w\.[a-z]{2,}\b", _fold(text)) is not None


def _log_results(results):
    """The results listed (blank lines left out), or why the list cannot be read."""
    if isinstance(results, str):
        return None, "put each result in its own quotes in the list under 'results', one per line."
    if not isinstance(results, (list, tuple)) or not all(isinstance(r, str) for r in results):
        return None, "keep 'results' a list of texts in quotes, one result per line."
    return [r for r in results if r.strip()], None


def _log_trusted(trusted, results):
    """The indexes in ``results`` that the trusted result can mean: its number, the result as typed, or the
    only results whose main words include all of its own."""
    if isinstance(trusted, int) and not isinstance(trusted, bool):
        return [trusted - 1] if 1 <= trusted <= len(results) else []
    if not isinstance(trusted, str):
        return []
    text = trusted.strip().lstrip("#").strip()
    if text.isdigit():
        return [int(text) - 1] if 1 <= int(text) <= len(results) else []
    exact = [i for i, result in enumerate(results) if _site_key(result) == _site_key(text)]
    if exact:
        return exact[:1]
    content = {w for w in _tokens(text) if _is_content(w)}
    return [i for i, result in enumerate(results) if content and content <= set(_tokens(result))]


def _log_problems(exercise, log):
    """What keeps a search log from being recorded (each a sentence), and the nudges to show with it."""
    problems, nudges = [], []
    query = log["query"]
    words = _tokens(query) if isinstance(query, str) else []
    content = [w for w in words if _is_content(w)]
    if not content:
        problems.append("Your 'query' has no words that could find anything: write exactly what you typed, "
                        "such as the outlet's or the author's name, or the key words of the claim.")
    elif not any(_known(w) for w in content) and not _looks_like_site(query):
        problems.append("I cannot recognise the words of your 'query'. Write exactly what you typed: names and "
                        "words from the texts are fine.")
    else:
        title = [w for w in _tokens(exercise["title"]) if _is_content(w)]
        if title and set(content) <= set(title) and len(content) >= min(3, len(title)):
            nudges.append("Your query is the article's own title. That search mostly finds the article and its "
                          "copies. To read laterally, search for who published it (the outlet or the author) or "
                          "for the claim, and add a word such as 'funding' or 'owner'.")
        elif len(content) == 1:
            nudges.append(f"Your query is one word ({_quoted(content[0])}). Add who or what you are checking, "
                          "such as the outlet's full name and 'owner' or 'funding', to get results about it.")
    results, trouble = _log_results(log["results"])
    if trouble:
        problems.append(trouble)
        results = []
    elif len(results) < 2:
        problems.append("List at least two of the top results, each in its own quotes: the title or the site "
                        "of each. Comparing results is the point of the search.")
    seen = {}
    for n, result in enumerate(results, 1):
        if not any(_is_content(w) for w in _tokens(result)):
            problems.append(f"Result {n} ({_quoted(result)}) is not a title or a site: copy the title as shown, "
                            "or the site's address (like en.wikipedia.org).")
        elif not _looks_like_site(result) and not any(_known(w) for w in _tokens(result) if _is_content(w)):
            problems.append(f"I cannot recognise result {n} ({_quoted(result)}) as a title or a site. Copy it "
                            "as shown, or give the site's address (like en.wikipedia.org).")
        elif _site_key(result) in seen:
            problems.append(f"Result {n} is the same as result {seen[_site_key(result)]} "
                            f"({_quoted(result)}): list different results.")
        elif isinstance(query, str) and _site_key(result) == _site_key(query):
            problems.append(f"Result {n} is your query, not a result: copy the title or the site of what the "
                            "search found.")
        seen.setdefault(_site_key(result), n)
    trusted = log["trusted"]
    if _blank(trusted):
        problems.append("Say which result you trusted in 'trusted': copy it from your list, or give its number.")
    elif results:
        meant = _log_trusted(trusted, results)
        if not meant:
            problems.append(f"The result you trusted ({_quoted(trusted)}) is not one of the results you listed: "
                            "copy it from your list, or give its number.")
        elif len(meant) > 1:
            problems.append(f"The result you trusted ({_quoted(trusted)}) could be result "
                            f"{' or '.join(str(i + 1) for i in meant)}: copy the whole result, or give its number.")
    why = log["why"]
    if not isinstance(why, str) or not why.strip():
        problems.append("Say in 'why' why you trusted that result.")
    else:
        low, high = exercise["min_words"], exercise["max_words"]
        problem = _not_recordable(exercise, {"min_words": low, "max_words": high, "prompt": exercise["prompt"]},
                                  why)
        if problem:
            problems.append(f"Your 'why': {problem}")
        elif not set(_tokens(_unquoted(why))) & _LOG_CUES:
            problems.append("Your 'why' does not say who runs the site you trusted (an owner, a publisher, a "
                            "funder) or what evidence it shows (documents, named sources, dates). Say which.")
    return problems, nudges


def _check_log_search(exercise, answer, key):
    """Record a search log once it is complete and hangs together; it cannot judge the search itself."""
    if not isinstance(answer, dict) or any(k not in answer for k in _LOG_KEYS):
        _record(key, NOT_YET, "keep the log's four keys ('query', 'results', 'trusted' and 'why') as the cell "
                "gives them, and fill in each.")
        return
    problems, nudges = _log_problems(exercise, answer)
    if problems:
        _tried(key)
        _record(key, NOT_YET, "your log is not complete yet, so it is not recorded. To fix:")
        for problem in problems:
            _point(problem)
        return
    _record(key, RECORDED, "your log is complete and hangs together, so it is saved for this session.")
    _say(_LOG_LIMITS)
    for nudge in nudges:
        _point(nudge)
    for question in _LOG_QUESTIONS:
        _point(question)
    example = exercise["example"]
    print()
    _say("One careful reader's log, to compare with yours (your results may differ: pages change):")
    _point(f"Query: {example['query']}")
    _point("Results: " + "; ".join(example["results"]))
    _point(f"Trusted: {example['trusted']}")
    _point(f"Why: {example['why']}")
'''


class LogSearch(ExerciseKind):
    name = "log-search"
    title = "Log a search"
    schema_def = "exercise_log_search"
    schema = {
        "description": "The learner leaves the page, searches for a source or claim of a passage, and logs the "
                       "query, the top results, the one they trusted and why; the notebook checks the log is "
                       "complete and consistent, never whether the search was good.",
        "required": ["passage", "example"],
        "properties": {
            "passage": {"$ref": "#/$defs/slug", "description": "The passage whose source or claim is searched."},
            "example": {
                "type": "object",
                "additionalProperties": False,
                "required": ["query", "results", "trusted", "why"],
                "description": "One careful reader's log: the teacher edition's answer, shown once a log is recorded.",
                "properties": {
                    "query": {"$ref": "#/$defs/line"},
                    "results": {"type": "array", "minItems": 2, "maxItems": 6, "items": {"$ref": "#/$defs/line"}},
                    "trusted": {"$ref": "#/$defs/line", "description": "One of the results, as written there."},
                    "why": {"$ref": "#/$defs/prose"},
                },
            },
        },
    }
    not_prose = frozenset({"passage", "query", "results", "trusted"})
    checker = "_check_log_search"
    runtime = RUNTIME

    def check(self, state: LessonChecks, spec, where):
        """The passage exists; the example lists different results, the trusted one among them."""
        state.passage_ref(spec["passage"], where + ("passage",))
        example, at = spec["example"], where + ("example",)
        folded = [" ".join(r.lower().split()) for r in example["results"]]
        for j, result in enumerate(folded):
            if result in folded[:j]:
                state.error(at + ("results", j), f"result {j + 1} is listed twice in the example log",
                            "duplicate-item")
        if " ".join(example["trusted"].lower().split()) not in folded:
            state.error(at + ("trusted",), "the example's trusted result is not one of its results: copy it "
                        "from 'results' exactly", "not-listed")

    def payload(self, ctx, spec):
        """The article's title (a query that is only the title gets a nudge), the lesson texts a "why" must not
        copy, the word range, and the example log."""
        lesson, passage = ctx.lesson, ctx.lesson.passages[spec["passage"]]
        block = lesson.data.get("lateral_reading") or {}
        texts = [plain(text) for _, text in _prose_of(block)] + [passage.text, ctx.plain(spec["prompt"])]
        example = spec["example"]
        return {"title": passage.article.meta["title"], "texts": texts, "prompt": ctx.plain(spec["prompt"]),
                "min_words": WHY_WORDS[0], "max_words": WHY_WORDS[1], "written": True,
                "example": {"query": example["query"], "results": list(example["results"]),
                            "trusted": example["trusted"], "why": ctx.plain(example["why"])}}

    def key(self, ctx, spec):
        """The example log, and what the notebook can and cannot check."""
        example = spec["example"]
        answer = (f"Query: {example['query']}. Results: {'; '.join(example['results'])}. "
                  f"Trusted: {example['trusted']}.")
        return [KeyItem(asked=spec["prompt"], answer=answer, model=example["why"],
                        notes=("The notebook records a log that is complete and consistent; it cannot judge "
                               "whether the search was good. Talk the search through with the learner.",))]

    def cells(self, nb, spec, heading):
        """The passage, what to log, then the log to fill in (the teacher edition's holds the example)."""
        nb.md(heading + nb.passage_md(spec["passage"]) + "\n\n✏️ Open a new tab and search. Then fill in the log: "
              "the words you typed, the top results (the title or the site of at least two), which one you "
              "trusted, and why (who runs it, what evidence it shows). The notebook checks that your log is "
              "complete and hangs together. It cannot see your search, so it cannot tell whether the search "
              "was good: you and your teacher judge that.")
        example = visible_data(spec["example"]) if nb.teacher else \
            {"query": "", "results": ["", "", ""], "trusted": "", "why": ""}  # no control character reaches a cell
        results = "".join(f"        {json.dumps(r, ensure_ascii=False)},\n" for r in example["results"])
        why = " ".join(plain(example["why"]).split())
        nb.answer_cell(spec["id"], "{\n"
                       f"    \"query\": {json.dumps(example['query'], ensure_ascii=False)},  # what you typed\n"
                       "    \"results\": [  # the top results: the title or the site of each\n"
                       f"{results}    ],\n"
                       f"    \"trusted\": {json.dumps(example['trusted'], ensure_ascii=False)},  "
                       "# the one you trusted: copy it, or its number\n"
                       f"    \"why\": \"\"\"\n{in_triple_quotes(why)}\n\"\"\",  # who runs it, what evidence it shows\n"
                       "}")

    def page_lines(self, page, spec):
        """The task, and what its check can and cannot do."""
        return super().page_lines(page, spec) + [
            "  (The notebook checks that your log is complete and hangs together. It cannot judge whether your "
            "search was good.)"]


def _prose_of(block: dict):
    """``(key, text)`` for each prose text of a lateral-reading block (its steps' too)."""
    for key in ("goal", "finding", "check_yourself"):
        if block.get(key):
            yield key, block[key]
    for step in block.get("steps", []):
        for key in ("look_for", "weigh"):
            yield key, step[key]


KIND = LogSearch()
