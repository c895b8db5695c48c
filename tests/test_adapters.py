"""The conversions and search entries kept between rebuilds are redone when what they depend on changes;
a missing notebook stops the build before it runs anything; the pipeline calls every handler of its jobs."""

import inspect
import re
from types import SimpleNamespace

import pytest

from doctools import jupyter_adapter, material_adapter, mkdocs_hooks, notebook_pages, seo
from helpers import write_page


def test_a_cached_conversion_is_redone_when_the_notebook_or_the_options_change(tmp_path):
    calls = []
    memo = jupyter_adapter._memoized(lambda path, **options: calls.append(path.read_text()) or f"<{len(calls)}>")
    notebook, other = tmp_path / "lesson.ipynb", tmp_path / "other.ipynb"
    notebook.write_text("one")
    assert [memo(notebook, theme="light"), memo(notebook, theme="light")] == ["<1>", "<1>"]
    notebook.write_text("two")
    other.write_text("two")
    redone = [memo(notebook, theme="light"), memo(notebook, theme="dark"), memo(other, theme="dark")]
    assert redone == ["<2>", "<3>", "<4>"]


def test_cached_search_entries_are_redone_when_the_page_changes():
    calls, index = [], SimpleNamespace(entries=[], config={"lang": ["zh"]})
    memo = material_adapter._memoized(lambda index, page: calls.append(page.url) or index.entries.append(
        {"location": page.url, "text": page.content}))
    for content, url, title in [("one", "a/", "A"), ("one", "a/", "A"), ("two", "a/", "A"), ("two", "b/", "A"),
                                ("two", "a/", "Renamed"), ("one", "a/", "A")]:
        memo(index, SimpleNamespace(content=content, url=url, toc=[], title=title, meta={}))
        index.entries[0]["text"] = "changed by the caller"  # not in what is remembered
    assert [e["text"] for e in index.entries[1:]] == ["one", "two", "two", "two", "one"]
    assert calls == ["a/", "a/", "b/", "a/"]


def test_a_lesson_without_its_notebook_stops_the_build_before_any_run(tmp_path):
    for lang, title in (("zh", "标题"), ("en", "Title")):
        write_page(tmp_path / lang, "lesson-9.md", f"---\nnotebook: true\n---\n# 9 {title}\n")
    (tmp_path / "zh" / "lesson-9.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"no notebook \S*en/lesson-9\.ipynb: generate it"):
        notebook_pages.on_pre_build(SimpleNamespace(docs_dir=str(tmp_path)))


def test_the_pipeline_calls_every_handler_of_every_job(monkeypatch):
    def unwired(source=inspect.getsource(mkdocs_hooks)) -> list[str]:
        return [f"{name}.{event}" for name, job in vars(mkdocs_hooks).items()
                if inspect.ismodule(job) and job.__name__.startswith("doctools.") for event in dir(job)
                if event.startswith("on_") and not re.search(rf"\b{name}\.{event}\b(?!\.)", source)]

    assert unwired() == []
    monkeypatch.setattr(seo, "on_serve", lambda server, **kwargs: server, raising=False)  # a new handler, not called
    assert unwired() == ["seo.on_serve"]
