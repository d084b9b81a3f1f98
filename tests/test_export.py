"""`course export`: the self-checks in QTI 2.1 and Moodle XML, and printable answer keys.

What a teacher would notice: a question missing, two right answers or none, an option without its
feedback, letters that differ from the site's, markup typed into a lesson turning into markup in the LMS,
or an export that overwrote a file of theirs.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from hostile import INERT, QUOTED, hostile_course, html_problems
from lxml import etree
from lxml import html as lxml_html

from builder import cli, credit
from builder.course import load_course
from builder.escape import visible
from builder.export import EXPORTS, MANIFEST, write_export
from builder.notebooks import glossary_terms
from builder.options import course_orders
from builder.pages import render_pages
from builder.prose import plain as plain_prose

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
IMSCP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
NS = {"q": QTI[1:-1], "cp": IMSCP[1:-1]}
CONTENT_TAGS = {"blockquote", "p", "em", "strong", "code", "a", "span", "ul", "ol", "li", "br", "div"}
"""The XHTML the exports make from lesson text; any other element would have come from the text."""


TERMS = glossary_terms(load_course(ROOT)[0])
"""What ``[[term-id]]`` shows (the hostile course's glossary adds payloads to terms it never quotes in a self-check)."""


def plain(text: str) -> str:
    """Lesson prose as the words a reader sees."""
    return plain_prose(text, TERMS)


def squash(text: str) -> str:
    """Text with all white space removed: what must match, whatever the paragraphs and line breaks."""
    return "".join(visible(text).split())


def export(root: Path, fmt: str, out: Path, *extra: str) -> tuple[int, str]:
    try:
        code = cli.main(["--root", str(root), "export", "--format", fmt, "--out", str(out), *extra])
    except SystemExit as exc:
        code = exc.code
    return code, ""


@pytest.fixture(scope="module")
def course():
    loaded, report = load_course(ROOT)
    assert not report.errors
    return loaded


@pytest.fixture(scope="module")
def expected(course):
    """For each self-check, in course order: (lesson id, question, option texts in site order, correct letter)."""
    orders = course_orders(course)
    out = []
    for lesson in course.lessons:
        for question, order in zip(lesson.data["self_check"], orders[lesson.id]):
            options = [question["options"][k] for k in order]
            letter = "ABCDEFGH"[next(j for j, o in enumerate(options) if o.get("correct"))]
            out.append((lesson, question, [plain(o["text"]) for o in options], letter))
    return out


@pytest.fixture(scope="module")
def outputs(course, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    for fmt, name in (("qti", "course.zip"), ("moodle", "course.xml")):
        assert export(ROOT, fmt, out / name)[0] == 0
    assert export(ROOT, "answer-key", out / "key", "--edition", "teacher")[0] == 0
    assert export(ROOT, "answer-key", out / "sheet")[0] == 0
    return out


def qti_items(package: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(package) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()}


def test_the_site_shows_the_letters_the_exports_use(course, expected):
    """The lesson page marks the same letter correct as the exports' expectation (options.course_orders)."""
    pages = render_pages(course)
    for lesson in course.lessons:
        marks = re.findall(r'data-correct="(true|false)">\*\*([A-H])\.', pages[f"lessons/{lesson.id}.md"])
        right = [letter for correct, letter in marks if correct == "true"]
        assert right == [letter for les, _, _, letter in expected if les is lesson], lesson.id


def test_qti_package_holds_every_question_with_one_answer_and_all_feedback(outputs, expected):
    files = qti_items(outputs / "course.zip")
    manifest = files.pop("imsmanifest.xml")
    test = files.pop("assessment.xml")
    assert manifest.tag == f"{IMSCP}manifest" and test.tag == f"{QTI}assessmentTest"
    items = [root for root in files.values()]
    assert len(items) == len(expected)  # one item per self-check of the loaded course
    by_id = {item.get("identifier"): item for item in items}
    refs = test.xpath("//q:assessmentItemRef", namespaces=NS)
    assert [r.get("identifier") for r in refs] == [f"ff-{les.id}.{n}" for les, n in _numbered(expected)]
    assert len(test.xpath("//q:assessmentSection", namespaces=NS)) == len({les.id for les, *_ in expected})
    ids = test.xpath("//@identifier")
    assert len(ids) == len(set(ids))  # a test's parts, sections and items never share an identifier
    for ref in refs:
        assert ref.get("href") in files
        assert manifest.xpath(f'//cp:resource[@identifier="{ref.get("identifier")}"]/cp:file/@href',
                              namespaces=NS) == [ref.get("href")]
    for (lesson, question, texts, letter), (_, n) in zip(expected, _numbered(expected)):
        item = by_id[f"ff-{lesson.id}.{n}"]
        assert item.tag == f"{QTI}assessmentItem"
        interaction = item.find(f".//{QTI}choiceInteraction")
        assert (interaction.get("shuffle"), interaction.get("maxChoices")) == ("false", "1")
        choices = interaction.findall(f"{QTI}simpleChoice")
        assert [squash("".join(c.itertext())) for c in choices] == [squash(t) for t in texts]
        assert [v.text for v in item.iterfind(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value")] \
            == [letter]
        feedback = {f.get("identifier"): f for f in item.iterfind(f"{QTI}modalFeedback")}
        assert set(feedback) == {c.get("identifier") for c in choices}
        for option, choice in zip([question["options"][k] for k in _order(lesson, question, texts)], choices):
            assert squash("".join(feedback[choice.get("identifier")].itertext())) == squash(plain(option["feedback"]))
        assert item.find(f"{QTI}responseProcessing/{QTI}setOutcomeValue[@identifier='FEEDBACK']/"
                         f"{QTI}variable").get("identifier") == "RESPONSE"
        quote = item.find(f"{QTI}itemBody/{QTI}blockquote")
        if question.get("passage"):
            passage = lesson.passages[question["passage"]]
            words, source = quote.findall(f"{QTI}p")
            assert squash(words.text) == squash(passage.text)
            assert source.text == "— " + credit.credit(passage).text()
        else:
            assert quote is None


def _numbered(expected):
    """(lesson, question number in its lesson) for each expected question."""
    counts: dict[str, int] = {}
    for lesson, *_ in expected:
        counts[lesson.id] = counts.get(lesson.id, 0) + 1
        yield lesson, counts[lesson.id]


def _order(lesson, question, texts):
    """Written indexes of the options, in the order of ``texts`` (site order)."""
    written = [plain(o["text"]) for o in question["options"]]
    return [written.index(t) for t in texts]


def test_moodle_xml_holds_every_question_with_one_answer_and_all_feedback(outputs, expected, course):
    quiz = etree.parse(str(outputs / "course.xml")).getroot()
    assert quiz.tag == "quiz"
    questions = quiz.findall("question[@type='multichoice']")
    assert len(questions) == len(expected)
    categories = [c.findtext("category/text") for c in quiz.findall("question[@type='category']")]
    lessons = [lesson for lesson in course.lessons if lesson.data["self_check"]]
    assert categories == [f"$course$/Five Frames/{html.escape(f'{n}. {les.title}')}"
                          for n, les in enumerate(lessons, 1)]
    for element, (_lesson, question, texts, letter) in zip(questions, expected):
        assert (element.findtext("single"), element.findtext("shuffleanswers")) == ("true", "0")
        answers = element.findall("answer")
        assert [squash(lxml_html.fromstring(a.findtext("text")).text_content()) for a in answers] \
            == [squash(t) for t in texts]
        assert [a.get("fraction") for a in answers] == ["100" if "ABCDEFGH"[j] == letter else "0"
                                                        for j in range(len(answers))]
        for answer in answers:
            assert answer.find("feedback").get("format") == "html"
            assert lxml_html.fromstring(answer.findtext("feedback/text")).text_content().strip()
        assert squash(plain(question["prompt"])) in squash(
            lxml_html.fromstring(element.findtext("questiontext/text")).text_content())


def test_answer_key_has_a_page_per_lesson_with_every_question_and_its_answer(outputs, expected, course):
    key = outputs / "key"
    index = lxml_html.fromstring((key / "index.html").read_text(encoding="utf-8"))
    links = index.xpath("//ul[@class='lessons']//a/@href")
    assert links == [f"{lesson.id}.html" for lesson in course.lessons]
    for lesson in course.lessons:
        page = lxml_html.fromstring((key / f"{lesson.id}.html").read_text(encoding="utf-8"))
        assert not page.xpath("//script | //link | //img | //*[@src]")  # self-contained: nothing fetched
        assert "@media print" in page.findtext(".//style")
        questions = page.xpath("//section[@class='question']")
        mine = [e for e in expected if e[0] is lesson]
        assert len(questions) == len(mine)
        for section, (_, _question, texts, letter) in zip(questions, mine):
            options = section.xpath("./ol[@class='options']/li")
            assert [squash(o.xpath("string(./div[@class='choice']/span[2])")) for o in options] \
                == [squash(t) for t in texts]
            assert section.xpath("string(./p[@class='answer'])") == f"Answer: {letter}"
            assert all(o.xpath("./div[@class='feedback']//text()") for o in options)
        exercises = page.xpath("//section[@class='exercise']")
        assert len(exercises) == len(lesson.exercises)
        for section, exercise in zip(exercises, lesson.exercises):
            text = squash(section.text_content())
            for q in exercise.spec.get("questions", []):
                assert squash(plain(q.get("model_answer", ""))) in text
                assert all(squash(plain(r)) in text for r in q.get("rubric", []))


def test_student_sheet_has_the_questions_and_no_answers(outputs, course):
    for lesson in course.lessons:
        page = lxml_html.fromstring((outputs / "sheet" / f"{lesson.id}.html").read_text(encoding="utf-8"))
        assert len(page.xpath("//section[@class='question']")) == len(lesson.data["self_check"])
        assert not page.xpath("//*[@class='answer' or @class='feedback' or @class='right' or @class='exercise']")
        assert "right answer" not in page.text_content() and "Teacher" not in page.text_content()


def test_two_exports_are_byte_identical(course, tmp_path):
    for name, fmt in EXPORTS.items():
        first, second = tmp_path / f"a-{name}", tmp_path / f"b-{name}"
        edition = fmt.editions[-1]
        write_export(course, name, first, edition)
        write_export(course, name, second, edition)
        if fmt.folder:
            assert {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}
        else:
            assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(tmp_path / "a-qti") as archive:
        assert archive.namelist() == sorted(archive.namelist())
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ---- hostile text ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = hostile_course(tmp_path_factory.mktemp("hostile-export") / "course")
    out = tmp_path_factory.mktemp("hostile-out")
    assert export(root, "qti", out / "h.zip")[0] == 0
    assert export(root, "moodle", out / "h.xml")[0] == 0
    assert export(root, "answer-key", out / "key", "--edition", "teacher")[0] == 0
    course, _ = load_course(root)
    return course, out


def _expected_hostile(course):
    """Each hostile lesson's payload: every text of lesson ``hostile-n`` is ``INERT[n]``."""
    return {lesson.id: INERT[int(lesson.id.split("-")[1])] for lesson in course.lessons}


def test_hostile_text_stays_text_in_qti(hostile):
    course, out = hostile
    payloads = _expected_hostile(course)
    items = qti_items(out / "h.zip")
    for name, item in items.items():
        for element in item.iter():
            assert not any(a.lower().startswith("on") for a in element.attrib), name
            assert "ffx" not in element.get("class", ""), name  # titles hold the payload, as an attribute's text
        for body in item.iterfind(f".//{QTI}itemBody"):
            tags = {etree.QName(e).localname for e in body.iter()}
            assert tags <= CONTENT_TAGS | {"itemBody", "choiceInteraction", "prompt", "simpleChoice"}, name
    for lesson in course.lessons:
        item = items[f"items/ff-{lesson.id}.1.xml"]
        payload = squash(plain(payloads[lesson.id]))
        assert squash("".join(item.find(f".//{QTI}prompt").itertext())) == payload
        assert all(squash("".join(c.itertext())) == payload for c in item.iter(f"{QTI}simpleChoice"))
        assert all(squash("".join(f.itertext())) == payload for f in item.iter(f"{QTI}modalFeedback"))
        words = item.find(f"{QTI}itemBody/{QTI}blockquote/{QTI}p")
        assert QUOTED in words.text  # the quoted passage, its <img ...> as characters


def test_hostile_text_stays_text_in_moodle_xml(hostile):
    course, out = hostile
    payloads = _expected_hostile(course)
    quiz = etree.parse(str(out / "h.xml")).getroot()
    for element in quiz.iter("text"):
        fragment = element.text or ""
        if fragment.startswith("<"):
            assert not html_problems(fragment, "moodle"), fragment[:200]
            assert {e.tag for e in lxml_html.fragment_fromstring(fragment, create_parent="div").iter()} \
                <= CONTENT_TAGS
    questions = quiz.findall("question[@type='multichoice']")
    for n, (lesson, question) in enumerate(zip(course.lessons, questions), 1):
        payload = squash(plain(payloads[lesson.id]))
        assert squash(html.unescape(question.findtext("name/text"))) == f"{n}.1" + payload
        for answer in question.iterfind("answer"):
            assert squash(lxml_html.fromstring(answer.findtext("text")).text_content()) == payload
            assert squash(lxml_html.fromstring(answer.findtext("feedback/text")).text_content()) == payload
        body = lxml_html.fromstring(question.findtext("questiontext/text"))
        assert QUOTED in body.xpath("string(.//blockquote/p[1])")


def test_hostile_text_stays_text_in_the_answer_key(hostile):
    course, out = hostile
    payloads = _expected_hostile(course)
    for page in sorted((out / "key").glob("*.html")):
        markup = page.read_text(encoding="utf-8")
        assert not html_problems(markup, page.name)
        assert len(lxml_html.fromstring(markup).xpath("//script | //style")) == 1  # only the page's own style
    for n, lesson in enumerate(course.lessons, 1):
        page = lxml_html.fromstring((out / "key" / f"{lesson.id}.html").read_text(encoding="utf-8"))
        assert squash(page.findtext(".//h1")) == squash(f"{n}. " + " ".join(visible(payloads[lesson.id]).split()))
        assert QUOTED in page.xpath("string(//section[@class='question']/blockquote/p[1])")


# ---- the command ------------------------------------------------------------------------------------------

def test_export_never_overwrites_a_file_it_did_not_write(run, course_root, tmp_path):
    mine = tmp_path / "quiz.xml"
    mine.write_text("my own questions\n")
    code, _, err = run("--root", course_root, "export", "--format", "moodle", "--out", mine)
    assert code == 2 and str(mine) in err and "not an export" in err
    assert mine.read_text() == "my own questions\n"
    ours = tmp_path / "ours.zip"
    assert run("--root", course_root, "export", "--format", "qti", "--out", ours)[0] == 0
    assert run("--root", course_root, "export", "--format", "qti", "--out", ours)[0] == 0  # ours: replaced
    edited = ours.read_bytes().replace(b"assessment", b"Assessment", 1)
    ours.write_bytes(edited)  # a teacher's change to an earlier export is theirs now
    assert run("--root", course_root, "export", "--format", "qti", "--out", ours)[0] == 2
    assert ours.read_bytes() == edited
    code, _, err = run("--root", course_root, "export", "--format", "moodle", "--out", tmp_path)
    assert code == 2 and "is a folder" in err


def test_export_never_overwrites_a_folder_it_did_not_write(run, course_root, tmp_path):
    out = tmp_path / "key"
    assert run("--root", course_root, "export", "--format", "answer-key", "--out", out)[0] == 0
    assert (out / MANIFEST).is_file() and (out / "fixture-lesson.html").is_file()
    code, _, err = run("--root", course_root, "export", "--format", "answer-key", "--out", out, "--edition", "teacher")
    assert code == 0 and "Answer:" in (out / "fixture-lesson.html").read_text()
    (out / "notes.txt").write_text("mine")
    (out / "index.html").write_text("changed")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, err = run("--root", course_root, "export", "--format", "answer-key", "--out", out)
    assert code == 2 and "notes.txt" in err and "index.html" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    code, _, err = run("--root", course_root, "export", "--format", "answer-key", "--out", course_root)
    assert code == 2 and "lessons/" in err


def test_a_bad_course_exports_nothing_and_says_why(run, course_root, tmp_path):
    lesson = course_root / "lessons" / "00-fixture.yaml"
    lesson.write_text(lesson.read_text().replace("        correct: true\n", "", 1))
    out = tmp_path / "quiz.xml"
    code, _, err = run("--root", course_root, "export", "--format", "moodle", "--out", out)
    assert code == 1 and "lessons/00-fixture.yaml:" in err and "error:" in err
    assert not out.exists()


def test_edition_is_for_the_answer_key_only(run, course_root, tmp_path):
    code, _, err = run("--root", course_root, "export", "--format", "qti", "--out", tmp_path / "q.zip",
                       "--edition", "teacher")
    assert code == 2 and "answer-key" in err and not (tmp_path / "q.zip").exists()


def test_every_kind_gives_its_key_and_a_kind_without_one_is_named(course_root, monkeypatch):
    from builder.export import answer_key
    from builder.kinds import KINDS, ExerciseKind
    course, _ = load_course(course_root)
    lesson = course.lessons[0]
    assert {e.kind.name for e in lesson.exercises} == set(KINDS)  # the fixture lesson has one of each kind
    page = lxml_html.fromstring(answer_key.render(course, "teacher")[f"{lesson.id}.html"])
    sections = page.xpath("//section[@class='exercise']")
    assert all(s.xpath(".//li[@class='key-item']") for s in sections)
    monkeypatch.setattr(type(KINDS["by-the-numbers"]), "key", ExerciseKind.key)
    page = lxml_html.fromstring(answer_key.render(course, "teacher")[f"{lesson.id}.html"])
    keyless = [s for s in page.xpath("//section[@class='exercise']") if not s.xpath(".//li[@class='key-item']")]
    assert len(keyless) == 1 and "The notebook holds this exercise's key" in keyless[0].text_content()
