"""Sphinx settings of the course website (`make site`, tools/build_site.py).

tools/build_site.py assembles the pages in build/site-src/ and runs Sphinx on them with this
file (`sphinx-build -c website`). The notebooks are shown with their committed outputs: nothing
is executed. The repository address comes from pyproject.toml ([tool.course] repository).
"""

import sys
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

COURSE_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(COURSE_ROOT))

from tools.set_repository import (  # noqa: E402
    BRANCH,
    configured_repository,
    owner_and_name,
    site_url,
)

REPOSITORY = configured_repository()

project = "Learning from imbalanced data"
html_title = "Learning from imbalanced data"
language = "en"
root_doc = "index"
extensions = ["myst_nb", "sphinx_copybutton"]
# The README's sections, shown on the home page through {include}, are not pages of their own.
exclude_patterns = ["_readme/**", "**/.ipynb_checkpoints"]

# MyST: heading anchors (#3-reading-the-confusion-matrix) for links into a notebook's sections.
myst_heading_anchors = 3
# The committed outputs, exactly as the tests checked them.
nb_execution_mode = "off"
# Markdown that a cell prints (IPython's Markdown) is read as JupyterLab reads it.
nb_render_markdown_format = "gfm"
# Text as the notebooks write it: straight quotes and three dots stay (code in the exercises'
# hints, such as method="predict_proba", must stay code).
smartquotes = False

html_theme = "sphinx_book_theme"
html_baseurl = site_url(owner_and_name(REPOSITORY))
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = ["search-sections.js"]
html_show_sphinx = False
html_show_copyright = False
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": BRANCH,
    "path_to_docs": "",
    "use_repository_button": True,
    "use_download_button": True,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    # One search field, in the sidebar, as in other book sites (not another in a header bar).
    "navbar_persistent": [],
    "footer_content_items": ["extra-footer.html"],
    "extra_footer": (
        "<p>Each notebook is shown with the outputs its code printed. "
        f'Source and issues: <a href="{REPOSITORY}">{owner_and_name(REPOSITORY)}</a> '
        "on GitHub.</p>"
    ),
    "launch_buttons": {
        "colab_url": "https://colab.research.google.com",
        "binderhub_url": "https://mybinder.org",
        "notebook_interface": "jupyterlab",
    },
}



class Details(SphinxDirective):
    """```{details} Summary line``` with Markdown content: a folded block, its summary shown,
    its content opened by a click. tools/site_exercises.py puts the exercises' hints and
    solutions and the quiz's answers in them."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        content = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, content)
        opening = (f'<details class="course-details">\n<summary>{escape(self.arguments[0])}'
                   "</summary>\n")
        return [nodes.raw("", opening, format="html"), *content.children,
                nodes.raw("", "</details>\n", format="html")]


def setup(app) -> dict:
    app.add_directive("details", Details)
    return {"parallel_read_safe": True}
