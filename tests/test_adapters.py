"""The notebook conversions, search entries and compiled templates cached between rebuilds are
redone when what they depend on changes; the build names a lesson whose notebook is missing
before it runs anything; the build's pipeline calls every handler of its jobs."""

from types import SimpleNamespace

import pytest

from doctools import jupyter_adapter, material_adapter, notebook_pages


def test_a_cached_conversion_is_redone_when_the_notebook_or_the_options_change(tmp_path):
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


def test_cached_search_entries_are_redone_when_the_page_changes():
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


def test_cached_templates_compile_anew_for_another_source():
    import jinja2

    from doctools.rebuilds import TEMPLATE_CACHE

    def render(source: str, **settings) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"cache-test.html": source}), bytecode_cache=TEMPLATE_CACHE, **settings)
        return env.get_template("cache-test.html").render()

    assert render("{% if true %}\ncached{% endif %}") == "\ncached"
    assert render("{% if true %}\nedited{% endif %}") == "\nedited"  # another source


def test_the_pipeline_calls_every_handler_of_every_job(monkeypatch):
    import inspect

    from doctools import mkdocs_hooks, sitemaps

    def unwired() -> list[str]:
        source = inspect.getsource(mkdocs_hooks)
        jobs = {name: job for name, job in vars(mkdocs_hooks).items() if inspect.ismodule(job) and job.__name__.startswith("doctools.")}
        return [f"{name}.{event}" for name, job in jobs.items() for event in dir(job)
                if event.startswith("on_") and f"{name}.{event}(" not in source]

    assert unwired() == []
    monkeypatch.setattr(sitemaps, "on_serve", lambda server, **kwargs: server, raising=False)  # a new handler, not called
    assert unwired() == ["sitemaps.on_serve"]
