"""The adapters to third-party internals refuse a version they were not written for, saying
which file, which version it was written for and which was found; the notebook conversions
and search entries kept between rebuilds are redone when what they depend on changes; the build names a lesson
whose notebook is missing before it runs anything."""

from types import SimpleNamespace

import pytest

from doctools import i18n_adapter, jupyter_adapter, material_adapter, mkdocs_adapter, notebook_pages


@pytest.mark.parametrize("adapter, library, call", [
    (mkdocs_adapter, "MkDocs", mkdocs_adapter.check),
    (jupyter_adapter, "mkdocs-jupyter", jupyter_adapter.check),
    (material_adapter, "mkdocs-material", material_adapter.check),
    (i18n_adapter, "mkdocs-static-i18n", lambda: i18n_adapter.plugin(SimpleNamespace(plugins={"i18n": object()}))),
])
def test_an_adapter_refuses_another_version(monkeypatch, adapter, library, call):
    monkeypatch.setattr(adapter, "version", lambda name: "99.0.0")
    with pytest.raises(RuntimeError) as refused:
        call()
    message = str(refused.value)
    assert f"docs/doctools/{adapter.__name__.split('.')[-1]}.py was written for {library} {adapter.WRITTEN_FOR}x" in message
    assert "found 99.0.0" in message


def test_a_kept_conversion_is_redone_when_the_notebook_or_the_options_change(tmp_path):
    calls = []

    def convert(path, **options):
        calls.append((path.read_text(), options))
        return f"<html>{len(calls)}</html>"

    memo = jupyter_adapter._memoized(convert)
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text("one")
    assert [memo(notebook, theme="light"), memo(notebook, theme="light")] == ["<html>1</html>"] * 2
    notebook.write_text("two")
    assert memo(notebook, theme="light") == "<html>2</html>"
    assert memo(notebook, theme="dark") == "<html>3</html>"
    other = tmp_path / "other.ipynb"
    other.write_text("two")
    assert memo(other, theme="dark") == "<html>4</html>"
    assert len(calls) == 4


def test_kept_search_entries_are_redone_when_the_page_changes():
    calls = []

    def add_entry_from_context(index, page):
        calls.append(page.url)
        index.entries.append({"location": page.url, "text": page.content})

    def page(content, url="lesson/", title="Lesson"):
        return SimpleNamespace(content=content, url=url, toc=[], title=title, meta={})

    memo = material_adapter._memoized(add_entry_from_context)
    index = SimpleNamespace(entries=[], config={"lang": ["zh"]})
    for p in (page("<p>one</p>"), page("<p>one</p>"), page("<p>two</p>"), page("<p>two</p>", url="other/"),
              page("<p>two</p>", title="Renamed")):
        memo(index, p)
    assert [e["text"] for e in index.entries] == ["<p>one</p>", "<p>one</p>", "<p>two</p>", "<p>two</p>", "<p>two</p>"]
    assert calls == ["lesson/", "lesson/", "other/", "lesson/"]
    index.entries[0]["text"] = "changed by the caller"
    memo(index, page("<p>one</p>"))
    assert index.entries[-1]["text"] == "<p>one</p>"


def test_a_lesson_without_its_notebook_stops_the_build_before_any_run(tmp_path):
    for lang, title in (("zh", "标题"), ("en", "Title")):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "lesson-9.md").write_text(f"---\nnotebook: true\n---\n# 9 {title}\n", encoding="utf-8")
    (tmp_path / "zh" / "lesson-9.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"no notebook \S*en/lesson-9\.ipynb: generate it"):
        notebook_pages.on_pre_build(SimpleNamespace(docs_dir=str(tmp_path)))


def test_kept_templates_compile_anew_for_another_source_or_setting():
    import jinja2

    from doctools.rebuilds import KEPT

    def render(source: str, **settings) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"kept-test.html": source}), bytecode_cache=KEPT, **settings)
        return env.get_template("kept-test.html").render()

    assert render("{% if true %}\nkept{% endif %}") == "\nkept"
    assert render("{% if true %}\nkept{% endif %}", trim_blocks=True) == "kept"   # another setting
    assert render("{% if true %}\nedited{% endif %}", trim_blocks=True) == "edited"  # another source
