"""The README's "Without make" blocks are what CI runs (`make test-without-make`): its commands are
found, the macOS/Linux lines replace the Windows ones, and the runner's pieces work offline."""

import json
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tools import without_make as runner

COURSE_ROOT = Path(__file__).resolve().parent.parent
README = (COURSE_ROOT / "README.md").read_text()
EDIT = "README.md's \"Without make\" blocks changed: update this test and check CI still runs them"


def test_the_readme_blocks_give_the_commands_ci_runs():
    assert runner.readme_plan(README) == runner.Plan(
        setup=["python3 -m venv .venv", "source .venv/bin/activate",
               "python -m pip install -r requirements.txt"],
        jupyter_lab="jupyter lab notebooks/01_accuracy_trap.ipynb",
        tests=["source .venv/bin/activate", "pytest",
               "ruff check helpers tests tools data notebooks website"],
    ), EDIT


def test_the_readme_blocks_are_written_for_windows():
    block = runner.readme_block(README)
    assert block[0].startswith("python -m venv .venv "), EDIT
    assert block[1].startswith(".venv\\Scripts\\activate "), EDIT
    assert runner.readme_block(README, runner.TESTS_HEADING)[0] == block[1], EDIT


def test_the_learners_block_comes_before_the_tests_block():
    assert README.index(runner.HEADING) < README.index(runner.TESTS_HEADING), EDIT


def test_the_readme_lints_the_folders_make_lint_does():
    makefile = (COURSE_ROOT / "Makefile").read_text()
    lint = re.search(r"^lint:.*\n\t\$\(BIN\)/(ruff check .+)$", makefile, flags=re.MULTILINE)
    assert lint, "the Makefile's lint target changed: update this test"
    assert lint[1] in runner.readme_plan(README).tests


@pytest.mark.parametrize(("line", "command"), [
    (".venv\\Scripts\\activate   # on macOS/Linux: source .venv/bin/activate",
     "source .venv/bin/activate"),
    ("python -m venv .venv  # on macOS/Linux: python3 -m venv .venv", "python3 -m venv .venv"),
    ("pytest            # the tests, as in make test", "pytest"),
    ("python -m pip install -r requirements.txt", "python -m pip install -r requirements.txt"),
    ("pip install 'x @ https://h/x.whl#sha256=ab'", "pip install 'x @ https://h/x.whl#sha256=ab'"),
])
def test_a_line_runs_its_macos_linux_alternative_or_itself_without_comment(line, command):
    assert runner.posix_command(line) == command


def test_a_readme_without_the_section_or_its_block_is_refused_with_advice():
    with pytest.raises(ValueError, match='no "### Without make" heading'):
        runner.readme_block("# Course\n\n## Two commands\n")
    no_block = "### Without make (Windows)\n\nSome prose.\n\n## Next\n\n```bash\nls\n```\n"
    with pytest.raises(ValueError, match="has no ``` code block"):
        runner.readme_block(no_block)


def test_the_learners_block_ends_with_its_one_jupyter_lab_line_and_tests_follow_apart():
    lab = "jupyter lab notebooks/01_x.ipynb"
    with pytest.raises(ValueError, match="exactly one `jupyter lab"):
        runner.plan(["python -m venv .venv", "pytest"], ["pytest"])
    with pytest.raises(ValueError, match="its last"):
        runner.plan(["python -m venv .venv", lab, "pytest"], ["pytest"])
    with pytest.raises(ValueError, match="needs the test commands"):
        runner.plan(["python -m venv .venv", lab], [])
    with pytest.raises(ValueError, match="no `jupyter lab` line"):
        runner.plan(["python -m venv .venv", lab], [lab, "pytest"])
    assert runner.plan(["python -m venv .venv", lab], ["pytest"]) == runner.Plan(
        ["python -m venv .venv"], lab, ["pytest"])


def test_a_readme_without_the_tests_block_is_refused_with_advice():
    learners = "### Without make\n\n```bash\npython -m venv .venv\njupyter lab a.ipynb\n```\n"
    with pytest.raises(ValueError, match='no "### The tests without make" heading'):
        runner.readme_plan(learners)


def test_jupyter_lab_runs_headless_on_localhost_with_a_token():
    command = runner.headless("jupyter lab notebooks/01_x.ipynb", 8899, "secret")
    assert command.startswith("jupyter lab notebooks/01_x.ipynb --no-browser ")
    for option in ("--ServerApp.ip=127.0.0.1", "--ServerApp.port=8899",
                   "--IdentityProvider.token=secret"):
        assert option in command
    assert "--allow-root" not in command
    assert "--allow-root" in runner.headless("jupyter lab a.ipynb", 1, "t", as_root=True)
    with pytest.raises(ValueError, match="should open one notebook"):
        runner.notebook_of("jupyter lab")


def test_the_script_runs_the_commands_in_order_and_stops_jupyterlab(tmp_path):
    steps = runner.Plan(["python3 -m venv .venv", "source .venv/bin/activate"],
                        "jupyter lab notebooks/01_x.ipynb", ["pytest"])
    script = runner.shell_script(steps, 8899, "secret", tmp_path / "w.py", tmp_path / "lab.log")
    lines = script.splitlines()
    assert lines[0] == "set -euo pipefail"
    order = [lines.index(command) for command in ("python3 -m venv .venv",
                                                  "source .venv/bin/activate", "pytest")]
    server = next(number for number, line in enumerate(lines) if line.startswith("jupyter lab"))
    assert order[1] < server < order[2] and lines[server].endswith("&")
    assert 'kill "$jupyter_pid"; wait "$jupyter_pid" || true' in lines[server:order[2]]


class FakeJupyter(BaseHTTPRequestHandler):
    """Answers like a Jupyter server serving one notebook, 01_x.ipynb, to the token "secret"."""

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        answers = {"/api/status": {"started": "now"},
                   "/api/contents/01_x.ipynb?content=0": {"type": "notebook"}}
        if self.headers.get("Authorization") != "token secret" or self.path not in answers:
            self.send_error(404)
            return
        body = json.dumps(answers[self.path]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_jupyter():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeJupyter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_waiting_ends_when_the_server_answers_and_serves_the_notebook(fake_jupyter, capsys):
    runner.wait_for_jupyter(fake_jupyter, "secret", "notebooks/01_x.ipynb", pid=1)
    assert "serves notebooks/01_x.ipynb" in capsys.readouterr().out


def test_waiting_fails_when_the_notebook_is_not_served(fake_jupyter):
    with pytest.raises(SystemExit, match="does not serve notebooks/02_y.ipynb"):
        runner.wait_for_jupyter(fake_jupyter, "secret", "notebooks/02_y.ipynb", pid=1)


def test_waiting_stops_at_once_when_the_server_has_exited():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with pytest.raises(SystemExit, match="stopped before answering"):
        runner.wait_for_jupyter(runner.free_port(), "secret", "notebooks/01_x.ipynb", gone.pid)
