"""The doc tooling keeps its promises: float32 noise passes and nothing more; no silent skips;
twins are compared; outputs in fences of every shape are rewritten in place (that the notebooks
see the same fences is in tests/test_notebooks.py, which needs the docs extra). Each check is
shown failing on a page made wrong on purpose."""

import pytest

from doctools.doctests import Updates, page_sybil
from doctools.number_rule import outputs_match
from doctools.pages import examples, unrun_python_blocks
from helpers import FENCES, write_page

# The 2020 article's outputs (an older torch) against what torch 2.13 prints here.
ARTICLE_2020 = [
    ("tensor(1763.8846)", "tensor(1763.8848)"),
    ("tensor([-989.5273,  -82.6000])", "tensor([-989.5273,  -82.6000])"),
    ("Epoch 2, Loss 5802484.500000", "Epoch 2, Loss 5802485.000000"),
]


@pytest.mark.parametrize("want, got", ARTICLE_2020)
def test_float32_noise_passes(want, got):
    assert outputs_match(want, got)


@pytest.mark.parametrize("want, got", [
    ("tensor(1764.7000)", "tensor(1763.8848)"),                   # a published number edited
    ("Epoch 10, Loss 1111.385421", "Epoch 10, Loss 1110.275146"),  # an epoch's loss off by 0.1%
    ("tensor([1.8376, 0.0743])", "tensor([1.8376, 0.0741])"),      # two units of the last digit
    ("Epoch 11, Loss 1.000000", "Epoch 10, Loss 1.000000"),        # integers are exact
    ("tensor(nan)", "tensor(inf)"),
    ("Epoch 10, Loss 1.0", "Epoch 10, loss 1.0"),                  # text is exact
    ("tensor([1., 2.])", "tensor([1., 2., 3.])"),                  # as many numbers
])
def test_anything_beyond_float32_noise_fails(want, got):
    assert not outputs_match(want, got)


def test_whitespace_is_normalised():
    assert outputs_match("tensor([1.0,\n        2.0])", "tensor([1.0, 2.0])")


def test_a_titled_python_block_with_a_wrong_output_is_reported(tmp_path):
    page = write_page(tmp_path, "page.md", 'Text.\n\n```python title="x.py"\n>>> 1 + 1\n3\n```\n')
    assert [block.line for block in unrun_python_blocks(page)] == [3]


def test_update_outputs_rewrites_outputs_inside_admonitions_and_tilde_fences_in_place(tmp_path):
    page = write_page(tmp_path, "page.md", FENCES.replace("    2\n", "    3\n").replace("\n6\n", "\n7\n"))
    updates = Updates(enabled=True)
    for example in page_sybil(updates).parse(page):
        example.evaluate()
    assert updates.apply() == [f"{page}:14: 2 * 3", f"{page}:5: 1 + 1"]
    assert page.read_text(encoding="utf-8") == FENCES


def test_an_example_in_one_language_only_makes_the_twins_differ(tmp_path):
    body = "```pycon\n>>> 1 + 1  # two\n2\n```\n"
    zh = write_page(tmp_path / "zh", "page.md", "中文。\n\n" + body)
    en = write_page(tmp_path / "en", "page.md", "English.\n\n" + body.replace("# two", "# 二"))
    assert examples(zh) == examples(en)  # comments and prose may differ
    write_page(tmp_path / "en", "page.md", "English.\n\n" + body + "\n```pycon\n>>> 2 + 2\n4\n```\n")
    assert examples(zh) != examples(en)


# A sentence's number, checked by a hidden example beside it; inside an admonition too.
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


def failures(page):
    found = []
    for example in page_sybil(Updates()).parse(page):
        try:
            example.evaluate()
        except Exception as error:  # Sybil raises its failure as an exception
            found.append(str(error))
    return found


@pytest.mark.parametrize("edit, message", [
    (("", ""), None),
    (("takes 575", "takes 1150"), "575 (printed by 'print(25 * 23, fewer)') not in the sentence above"),
    (("gives 2.5", "gives 25"), "2.5 (printed by '5 / 2') not in the sentence above"),
    (("575 73\n", "1150 73\n"), "Expected:\n    1150 73\nGot:\n    575 73"),
    (("5 / 2\n    2.5", "'a'\n    'a'"), "must print a number of the sentence above it"),
])
def test_a_number_in_a_sentence_is_checked_by_the_hidden_example_beside_it(tmp_path, edit, message):
    page = write_page(tmp_path, "page.md", HIDDEN.replace(*edit))
    found = failures(page)
    assert (found == []) if message is None else (len(found) == 1 and message in found[0]), found


def test_a_hidden_check_is_a_twin_example_but_not_shown(tmp_path):
    from doctools.fences import without_hidden

    page = write_page(tmp_path, "page.md", HIDDEN)
    assert [want for _, want in examples(page)] == ["", "575 73\n", "2.5\n"]
    assert without_hidden(HIDDEN) == "It takes 575 epochs, about 73 times fewer.\n\n\n!!! note\n    Halving gives 2.5.\n\n"


def test_lean_css_drops_only_rules_that_cannot_match():
    from doctools.lean import lean_css

    css = (".a{x:1}.b,.c{x:2}@media (min-width:1px){.b{x:3}.a .c{x:4}}@media print{.b{x:5}}"
           ".d:not(.b){x:6}[data-md-color-primary=red] .a{x:7}[data-md-color-primary=indigo]{x:8}")
    used = {"a", "c", "d", "palette:indigo"}.__contains__
    assert lean_css(css, used) == (".a{x:1}.b,.c{x:2}@media (min-width:1px){.a .c{x:4}}"
                                   ".d:not(.b){x:6}[data-md-color-primary=indigo]{x:8}")
