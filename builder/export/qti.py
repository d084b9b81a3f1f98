"""QTI 2.1: an IMS content package of the self-checks, for Canvas, Blackboard, Brightspace and other LMSs.

The zip holds ``imsmanifest.xml``, one ``assessmentItem`` per question (``items/<id>.xml``) and one
``assessmentTest`` (``assessment.xml``) with a section per lesson. Each item is a ``choiceInteraction``
(``shuffle="false"``: the options keep the site's order and letters) with one correct response, the passage
it quotes in its ``itemBody``, and a ``modalFeedback`` for every option, shown by the option's identifier:
response processing copies the response into the ``FEEDBACK`` outcome.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent

from ..escape import xml_text
from ..model import Lesson
from .common import (
    COURSE_TITLE,
    SelfCheck,
    Writer,
    lesson_title,
    self_checks,
    text_element,
    xml_bytes,
    zip_bytes,
)

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TEST_FILE = "assessment.xml"
TEST_ID = "ff_self_checks"
"""Identifiers of the package's own parts have ``_``, which no lesson id has."""


def _root(tag: str, namespace: str, schema: str, **attrib: str) -> Element:
    """A document element in ``namespace``; the tree is built with plain names, so it is declared as default."""
    return Element(tag, {"xmlns": namespace, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{namespace} {schema}",
                         **attrib})


def item_path(check: SelfCheck) -> str:
    return f"items/{check.identifier}.xml"


def assessment_item(check: SelfCheck, writer: Writer) -> bytes:
    """One question as a QTI 2.1 ``assessmentItem``."""
    item = _root("assessmentItem", QTI, QTI_XSD, identifier=check.identifier,
                 title=xml_text(f"{lesson_title(check.lesson, check.lesson_number)}: question {check.number}"),
                 adaptive="false", timeDependent="false")
    response = SubElement(item, "responseDeclaration", identifier="RESPONSE", cardinality="single",
                          baseType="identifier")
    text_element(SubElement(response, "correctResponse"), "value", check.correct.letter)
    score = SubElement(item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    text_element(SubElement(score, "defaultValue"), "value", "0")
    SubElement(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single", baseType="identifier")
    body = SubElement(item, "itemBody")
    if check.passage is not None:
        writer.passage(body, check.passage)
    interaction = SubElement(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false",
                             maxChoices="1")
    writer.prose(SubElement(interaction, "prompt"), check.prompt, inline=True)
    for choice in check.choices:
        writer.prose(SubElement(interaction, "simpleChoice", identifier=choice.letter), choice.text, inline=True)
    _response_processing(item)
    for choice in check.choices:
        feedback = SubElement(item, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show",
                              identifier=choice.letter, title="Correct" if choice.correct else "Not quite")
        writer.prose(feedback, choice.feedback)
    return xml_bytes(item)


def _response_processing(item: Element) -> None:
    """SCORE 1 for the correct response, else 0; FEEDBACK the chosen identifier (so its feedback shows)."""
    processing = SubElement(item, "responseProcessing")
    condition = SubElement(processing, "responseCondition")
    when = SubElement(condition, "responseIf")
    match = SubElement(when, "match")
    SubElement(match, "variable", identifier="RESPONSE")
    SubElement(match, "correct", identifier="RESPONSE")
    for branch, value in ((when, "1"), (SubElement(condition, "responseElse"), "0")):
        text_element(SubElement(branch, "setOutcomeValue", identifier="SCORE"), "baseValue", value,
                     {"baseType": "float"})
    SubElement(SubElement(processing, "setOutcomeValue", identifier="FEEDBACK"), "variable", identifier="RESPONSE")


def assessment_test(lessons: list[tuple[Lesson, list[SelfCheck]]]) -> bytes:
    """The test: one section per lesson, its questions in course order."""
    test = _root("assessmentTest", QTI, QTI_XSD, identifier=TEST_ID, title=f"{COURSE_TITLE}: self-checks")
    part = SubElement(test, "testPart", identifier="ff_part", navigationMode="nonlinear",
                      submissionMode="individual")
    for lesson, checks in lessons:
        if not checks:
            continue
        section = SubElement(part, "assessmentSection", identifier=f"ff-{lesson.id}",
                             title=xml_text(lesson_title(lesson, checks[0].lesson_number)), visible="true")
        for check in checks:
            SubElement(section, "assessmentItemRef", identifier=check.identifier, href=item_path(check))
    indent(test)
    return xml_bytes(test)


def manifest(checks: list[SelfCheck]) -> bytes:
    """``imsmanifest.xml``: the test, which depends on every item, and each item."""
    root = _root("manifest", IMSCP, IMSCP_XSD, identifier="ff_manifest")
    metadata = SubElement(root, "metadata")
    text_element(metadata, "schema", "QTIv2.1 Package")
    text_element(metadata, "schemaversion", "1.0.0")
    SubElement(root, "organizations")
    resources = SubElement(root, "resources")
    test = SubElement(resources, "resource", identifier=TEST_ID, type="imsqti_test_xmlv2p1", href=TEST_FILE)
    SubElement(test, "file", href=TEST_FILE)
    for check in checks:
        SubElement(test, "dependency", identifierref=check.identifier)
    for check in checks:
        resource = SubElement(resources, "resource", identifier=check.identifier, type="imsqti_item_xmlv2p1",
                              href=item_path(check))
        SubElement(resource, "file", href=item_path(check))
    indent(root)
    return xml_bytes(root)


def render(course, edition: str = "student") -> bytes:
    """The content package as zip bytes (sealed: see ``common.seal``), identical for the same course."""
    writer, lessons = Writer(course), self_checks(course)
    checks = [check for _, lesson_checks in lessons for check in lesson_checks]
    files = {item_path(check): assessment_item(check, writer) for check in checks}
    files[TEST_FILE] = assessment_test(lessons)
    files["imsmanifest.xml"] = manifest(checks)
    return zip_bytes(files)
