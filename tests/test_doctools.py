"""The doc tooling keeps its promises: float32 noise passes and nothing more; no silent skips; twins are
compared; outputs in fences of every shape are rewritten in place; sentences' numbers are checked."""

import pytest

from doctools.doctests import Updates, page_sybil
from doctools.fences import without_hidden
from doctools.lean import lean_css
from doctools.number_rule import outputs_match
from doctools.pages import examples, unrun_python_blocks
from helpers import FENCES, write_page

@pytest.mark.parametrize("want, got, match", [
    ("tensor(1763.8846)", "tensor(1763.8848)", True),  # the 2020 article (an older torch) against torch 2.13
    ("tensor([-989.5273,  -82.6000])", "tensor([-989.5273,  -82.6000])", True),
    ("Epoch 2, Loss 5802484.500000", "Epoch 2, Loss 5802485.000000", True),
    ("tensor([1.0,\n        2.0])", "tensor([1.0, 2.0])", True),           # whitespace is normalised
    ("tensor(1764.7000)", "tensor(1763.8848)", False),                   # a published number edited
    ("Epoch 10, Loss 1111.385421", "Epoch 10, Loss 1110.275146", False),  # an epoch's loss off by 0.1%
    ("tensor([1.8376, 0.0743])", "tensor([1.8376, 0.0741])", False),      # two units of the last digit
    ("Epoch 11, Loss 1.000000", "Epoch 10, Loss 1.000000", False),        # integers are exact
    ("tensor(nan)", "tensor(inf)", False),
    ("Epoch 10, Loss 1.0", "Epoch 10, loss 1.0", False),                  # text is exact
    ("tensor([1., 2.])", "tensor([1., 2., 3.])", False),                  # as many numbers
])
def test_float32_noise_passes_and_nothing_more(want, got, match):
    assert outputs_match(want, got) == match


def test_a_titled_python_block_with_a_wrong_output_is_reported(tmp_path):
    page = write_page(tmp_path, "page.md", 'Text.\n\n```python title="x.py"\n>>> 1 + 1\n3\n```\n')
    assert [block.line for block in unrun_python_blocks(page)] == [3]


def test_update_outputs_rewrites_outputs_inside_admonitions_and_tilde_fences_in_place(tmp_path):
    page = write_page(tmp_path, "page.md", FENCES.replace("    2\n", "    3\n").replace("\n6\n", "\n7\n"))
    for example in page_sybil(updates := Updates(enabled=True)).parse(page):
        example.evaluate()
    assert updates.apply() == [f"{page}:14: 2 * 3", f"{page}:5: 1 + 1"]
    assert page.read_text(encoding="utf-8") == FENCES


HIDDEN = """It takes 575 epochs, about 73 times fewer.

<!-- check
>>> fewer = round(575 / 7.9)
>>> print(25 * 23, fewer)
575 73
-->

!!! note
    Halving gives 2.5.

    <!-- check
    >>> 5 / 2
    2.5
    -->
"""


@pytest.mark.parametrize("edit, message", [
    (("", ""), None),
    (("takes 575", "takes 1150"), "575 (printed by 'print(25 * 23, fewer)') not in the sentence above"),
    (("gives 2.5", "gives 25"), "2.5 (printed by '5 / 2') not in the sentence above"),
    (("575 73\n", "1150 73\n"), "Expected:\n    1150 73\nGot:\n    575 73"),
    (("5 / 2\n    2.5", "'a'\n    'a'"), "must print a number of the sentence above it"),
])
def test_a_number_in_a_sentence_is_checked_by_the_hidden_example_beside_it(tmp_path, edit, message):
    page = write_page(tmp_path, "page.md", HIDDEN.replace(*edit))
    found = [failure for example in page_sybil(Updates()).parse(page)
             if (failure := example.region.evaluator(example))]  # what Example.evaluate raises
    assert (found == []) if message is None else (len(found) == 1 and message in found[0]), found


def test_twins_differ_by_an_example_not_by_comments_and_hidden_checks_are_examples_not_shown(tmp_path):
    body = "```pycon\n>>> 1 + 1  # two\n2\n```\n"
    zh = write_page(tmp_path / "zh", "page.md", "中文。\n\n" + body)
    en = write_page(tmp_path / "en", "page.md", "English.\n\n" + body.replace("# two", "# 二"))
    assert examples(zh) == examples(en)  # comments and prose may differ
    write_page(tmp_path / "en", "page.md", "English.\n\n" + body + "\n```pycon\n>>> 2 + 2\n4\n```\n")
    assert examples(zh) != examples(en)
    assert [want for _, want in examples(write_page(tmp_path, "hidden.md", HIDDEN))] == ["", "575 73\n", "2.5\n"]
    assert without_hidden(HIDDEN) == HIDDEN[:44] + "\n!!! note\n    Halving gives 2.5.\n\n"


def test_lean_css_drops_only_rules_that_cannot_match():
    css = (".a{x:1}.b,.c{x:2}@media (min-width:1px){.b{x:3}.a .c{x:4}}@media print{.b{x:5}}"
           ".d:not(.b){x:6}[data-md-color-primary=red] .a{x:7}[data-md-color-primary=indigo]{x:8}")
    assert lean_css(css, {"a", "c", "d", "palette:indigo"}.__contains__) == (
        ".a{x:1}.b,.c{x:2}@media (min-width:1px){.a .c{x:4}}.d:not(.b){x:6}[data-md-color-primary=indigo]{x:8}")
