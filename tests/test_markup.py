"""builder/markup.py: the syntax of the site's Markdown extensions, with titles escaped and names checked."""

from __future__ import annotations

import pytest

from builder import markup


def test_markup_escapes_titles_and_indents_bodies():
    assert markup.admonition("note", "<b>x</b>: [y](z)", "Body\n\nmore") == (
        '!!! note "&#60;b&#62;x&#60;/b&#62;&#58; &#91;y&#93;&#40;z&#41;"\n\n    Body\n\n    more\n')
    assert markup.details("tip", "T", "- a") == '??? tip "T"\n\n    - a\n'
    assert markup.details("tip", "T", "- a", open=True) == '???+ tip "T"\n\n    - a\n'
    assert markup.block_div("ff-quiz", "x\n", id="check-1", data_quiz='a"b') == (
        '<div class="ff-quiz" id="check-1" data-quiz="a&#34;b" markdown>\n\nx\n\n</div>\n')
    assert markup.grid("ff-contrast", ["a\n", "b\n"]) == '<div class="grid ff-contrast" markdown>\n\na\n\nb\n\n</div>\n'
    assert markup.button("Get it", "../x.ipynb", download=True) == "[Get it](../x.ipynb){ .md-button download }"


def test_attribute_lists_take_only_names_the_builder_chose():
    assert markup.attrs("ff-para", id="p-3", block=True) == "{: #p-3 .ff-para }"
    assert markup.attrs(id="loaded-language") == "{ #loaded-language }"
    for bad in ("a b", "x}", "", "#id", "a\nb"):
        with pytest.raises(ValueError):
            markup.attrs(bad)
        with pytest.raises(ValueError):
            markup.admonition(bad, "title", "body")
