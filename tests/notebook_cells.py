"""The lessons' notebooks and what their code cells showed, for the tests that run them
(needs the docs extra: nbformat)."""

from doctools import notebooks
from doctools.pages import DOCS

PAGES = notebooks.notebook_pages()
IDS = [str(page.relative_to(DOCS)) for page in PAGES]


def code_cells(nb) -> list:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def printed(cell) -> str:
    """What a code cell showed: its printed text and its value's text form."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "execute_result":
            parts.append(output.data.get("text/plain", "") + "\n")
    return "".join(parts)
