"""A course whose every text field is hostile, and the checks that no markup escaped from it.

The payloads live in tests/fixtures/injection/payloads.yaml. Every lesson, glossary and
article-metadata text field gets one, and every article gets one paragraph per payload, so a
payload reaches every place text can go: headings, nav titles, front matter, attributes,
tooltips, notebook Markdown. ``html_problems`` then finds anything that became markup.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import yaml
from helpers import FIXTURE_LESSON, FIXTURES, base_lesson, dump_yaml, site_copy
from lxml import html as lxml_html

PAYLOADS = yaml.safe_load((FIXTURES / "injection" / "payloads.yaml").read_text(encoding="utf-8"))
INERT: list[str] = PAYLOADS["inert"]
REFUSED: list[dict] = PAYLOADS["refused"]
EVERY = INERT + [item["text"] for item in REFUSED]

QUOTED = "ffx said a senior official, <img src=x onerror=alert(1) class=ffx> `[x](javascript:alert(1))` end"
"""A paragraph added to an article for lessons to quote, annotate and classify (its words are hostile too)."""

LESSON_TEXT_KEYS = {"title", "summary", "introduction", "note", "worked_example", "question", "explanation",
                    "prompt", "text", "feedback", "model_answer", "timing", "answers", "background", "debrief",
                    "transfer", "objectives", "rubric", "misconceptions", "speaker",
                    # a capstone exercise's source card, traced claim and rubric
                    "outlet", "author", "date", "kind_of_text", "who_runs_it", "not_verified", "claim",
                    "attributed_to", "where_i_looked", "what_i_found", "criterion", "levels", "fact",
                    "goal", "finding", "check_yourself", "search", "where", "look_for", "weigh", "query", "why"}
"""Keys whose strings (or lists of strings) are lesson text shown to readers."""
ARTICLE_TEXT_KEYS = ("title", "short_title", "outlet", "outlet_evidence", "author", "author_note", "date_note",
                     "genre", "affiliation", "stance")
VOICE_TEXT_KEYS = ("label", "context", "likely_speaker", "note")
"""Text of a voice in seeds/articles.yaml that reaches credit lines and article pages."""
GLOSSARY_TEXT_KEYS = ("term", "definition", "ask")


def every_field_lesson() -> dict:
    """The fixture lesson with every optional text field filled in and a passage of hostile words."""
    data = base_lesson()
    data.update(summary="s", worked_example="w", debrief="d", transfer="t")
    data["teacher_notes"].update(misconceptions=["m"], answers="a", background="b")
    data["passages"][0]["note"] = "n"
    data["passages"][0]["speaker"] = "s"
    data["passages"].append({"id": "voice", "article": "amac-solis", "quote": "The AMAC Action Logo"})  # site text
    data["passages"].append({"id": "hostile", "article": "amac-solis", "quote": QUOTED})
    data["passages"][-1]["cold_read"] = {"prompt": "p"}  # read cold: its own prompt, and its reveal
    data["contrasts"][0]["title"] = "c"
    data["annotations"].append({"passage": "hostile", "span": "<img src=x onerror=alert(1) class=ffx>",
                                "technique": "loaded-language", "explanation": "e"})
    data["self_check"][0]["passage"] = "hostile"
    for exercise in data["exercises"]:
        exercise["title"] = "x"
        if exercise["kind"] == "classify-sources":
            exercise["passage"] = "hostile"
            exercise["items"] = [{"attribution": "said a senior official", "answer": "anonymous", "feedback": "f"},
                                 {"attribution": "`[x](javascript:alert(1))`", "answer": "unattributed",
                                  "feedback": "f"}]
        if exercise["kind"] == "spot-loaded-words":
            exercise["passage"] = "hostile"
        if exercise["kind"] == "compare-framings":
            exercise["passages"].append("voice")  # its credit line reaches the notebook
    return data


def fill(value, payload: str, key: str | None = None):
    """``value`` with every lesson text string replaced by ``payload``."""
    if isinstance(value, dict):
        return {k: fill(v, payload, k) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, payload, key) for v in value]
    if isinstance(value, str) and key in LESSON_TEXT_KEYS:
        return payload
    return value


def hostile_course(dest: Path) -> Path:
    """A scratch course (with mkdocs.yml and docs/) in which every text field is a payload."""
    root = site_copy(dest, with_lessons=False)
    (root / FIXTURE_LESSON).unlink()
    base = every_field_lesson()
    for n, payload in enumerate(INERT):
        lesson = fill(copy.deepcopy(base), payload)
        lesson["id"] = f"hostile-{n}"
        for made, written in zip(lesson["exercises"], base["exercises"]):
            if made["kind"] == "capstone":  # the payload, then the model: an account the word range allows
                made["account"]["model_answer"] = f"{payload} {written['account']['model_answer']}"
        (root / "lessons" / f"{n:02d}-hostile.yaml").write_text(dump_yaml(lesson), encoding="utf-8")
    _hostile_glossary(root / "lessons" / "glossary.yaml")
    _hostile_articles(root / "seeds")
    return root


def _rotating():
    n = 0
    while True:
        yield EVERY[n % len(EVERY)]
        n += 1


def _hostile_glossary(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    payloads = _rotating()
    for term in data["terms"]:
        for key in GLOSSARY_TEXT_KEYS:
            if key in term:
                term[key] = f"{term[key]} {next(payloads)}"
        term["aliases"] = [*term.get("aliases", []), f"{term['id']} {next(payloads)}"]  # shown as "Also called"
    path.write_text(dump_yaml(data), encoding="utf-8")


def _hostile_articles(seeds: Path) -> None:
    meta_path = seeds / "articles.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    payloads = _rotating()
    for article in meta["articles"]:
        for key in ARTICLE_TEXT_KEYS:
            article[key] = f"{article[key]} {next(payloads)}"
        article["artifacts"] = [*article.get("artifacts", []), *EVERY]
        article["url"] = 'https://example.org/"><img src=x onerror=alert(1) class=ffx>[ffx](javascript:alert(1))'
        article["original_file"] = f"{article.get('original_file', 'none')} {next(payloads)}"  # a practice text has none
        for voice in article.get("voices", []):
            for key in VOICE_TEXT_KEYS:
                if key == "likely_speaker" and voice["speaker"] != "unnamed":
                    continue  # only an unnamed speaker has a likely one
                voice[key] = f"{voice.get(key, 'v')} {next(payloads)}"
        text = seeds / article["file"]
        extra = "".join(f"\n\n{payload}" for payload in EVERY).replace("\0", "")  # a file with NUL is refused
        if article["id"] == "amac-solis":
            extra += f"\n\n{QUOTED}"
        data = text.read_bytes() + (extra + "\n").encode("utf-8")
        text.write_bytes(data)
        article["sha256"] = hashlib.sha256(data).hexdigest()
    meta_path.write_text(dump_yaml(meta), encoding="utf-8")


URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}


def html_problems(markup: str, where: str) -> list[str]:
    """Markup that came from data: event handlers, javascript: URLs, injected elements and blocks."""
    if not markup.strip():
        return []
    tree = lxml_html.fromstring(markup)
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            name, low = name.lower(), value.strip().lower()
            if name.startswith("on"):
                found.append(f"{where}: <{el.tag} {name}=...> event handler")
            if name in URL_ATTRS and "".join(low.split()).startswith(("javascript:", "data:text/html")):
                found.append(f"{where}: <{el.tag} {name}={value!r}>")
            if name == "title" and "ffx" in low:
                found.append(f"{where}: data in a title attribute (tooltips turn it into HTML): {value[:60]!r}")
            if name == "class" and "ffx" in low:
                found.append(f"{where}: injected <{el.tag} class={value!r}>")
            if name == "src" and low == "x":
                found.append(f"{where}: injected <{el.tag} src=x>")
        text = el.text_content()
        if el.tag in ("summary", "abbr") and "ffx" in text:
            found.append(f"{where}: injected <{el.tag}> {text[:60]!r}")
        if "admonition-title" in el.get("class", "") and "ffx" in text:
            found.append(f"{where}: injected admonition {text[:60]!r}")
        if el.tag == "script" and "alert(" in (el.text or ""):
            found.append(f"{where}: injected <script> {el.text[:60]!r}")
    return found


DOM_PROBLEMS = """() => {
  const found = [];
  const urlAttrs = %s;
  const all = [];  // every element, in open shadow roots too (Zensical's search draws its results in one)
  const walk = root => {
    for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); }
  };
  walk(document);
  for (const el of all) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), low = a.value.trim().toLowerCase().replace(/\\s+/g, '');
      if (name.startsWith('on')) found.push(`<${el.tagName} ${name}> event handler`);
      if (urlAttrs.includes(name) && (low.startsWith('javascript:') || low.startsWith('data:text/html')))
        found.push(`<${el.tagName} ${name}=${a.value}>`);
      // the theme copies a cut-off nav or footer label's own text into its title (as text): not data markup
      const own = (el.innerText || '').replace(/\\s+/g, ' ').includes(a.value.replace(/\\s+/g, ' ').trim());
      if (name === 'title' && low.includes('ffx') && !own)
        found.push(`data in a title attribute: ${a.value.slice(0, 60)}`);
      if (name === 'class' && low.includes('ffx')) found.push(`injected <${el.tagName} class=${a.value}>`);
    }
    if (['SUMMARY', 'ABBR'].includes(el.tagName) && el.textContent.includes('ffx'))
      found.push(`injected <${el.tagName}> ${el.textContent.slice(0, 60)}`);
  }
  for (const tip of all.filter(el => el.matches('.md-tooltip, .md-tooltip2, [role=tooltip]')))
    for (const child of tip.querySelectorAll('*'))
      if (child.className && String(child.className).includes('ffx')) found.push('injected element in a tooltip');
  return found;
}""" % sorted(URL_ATTRS)
