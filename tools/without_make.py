"""Run the README's "Without make" commands, as a learner would, in a fresh clone of the course.

The commands are the lines of two code blocks: the first under the README heading
"### Without make" (set-up, ending with `jupyter lab`, for learners) and the first under
"### The tests without make" (for contributors). The blocks are written for Windows; a line whose
comment says `on macOS/Linux: COMMAND` runs COMMAND instead (the venv and activation lines). All
lines run in one bash shell, in a `git clone` of this checkout (committed files only), with pip's
usual cache. The `jupyter lab` line runs in the background, headless (no browser, 127.0.0.1, a
free port, a random token); once the server answers /api/status and serves the notebook the line
names, it is stopped, and the tests block runs as written.

Usage: python tools/without_make.py [--python PYTHON] [--keep]      (`make test-without-make`)
--python makes `python3` in the commands mean PYTHON; --keep keeps the clone (it is kept anyway
when a command fails).
"""

import argparse
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

COURSE_ROOT = Path(__file__).resolve().parent.parent
README = COURSE_ROOT / "README.md"
HEADING = "### Without make"
TESTS_HEADING = "### The tests without make"
POSIX_ALTERNATIVE = re.compile(r"on macOS/Linux:\s*(?P<command>.+?)\s*$")
COMMENT = re.compile(r"(?:^|\s)#(?P<comment>.*)$")
JUPYTER_LAB = "jupyter lab "
SERVER_START_SECONDS = 90


def readme_block(readme: str, heading: str = HEADING) -> list[str]:
    """The non-empty lines of the first fenced code block after the ``heading`` line."""
    lines = readme.splitlines()
    start = next((number for number, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        raise ValueError(f'README.md has no "{heading}" heading: CI runs the commands of the code '
                         "block below it, so put the heading and the block back.")
    fences = [number for number in range(start + 1, len(lines))
              if lines[number].lstrip().startswith("```")]
    if len(fences) < 2 or any(lines[n].startswith("#") for n in range(start + 1, fences[0])):
        raise ValueError(f'README.md\'s "{heading}" section has no ``` code block: CI runs its '
                         "commands, so write them in one fenced block right under the heading.")
    return [line for line in lines[fences[0] + 1:fences[1]] if line.strip()]


def posix_command(line: str) -> str:
    """What a line runs on macOS/Linux: its `on macOS/Linux: ...` comment, or the line itself
    without its comment.

    >>> posix_command(r".venv\\Scripts\\activate   # on macOS/Linux: source .venv/bin/activate")
    'source .venv/bin/activate'
    >>> posix_command("pytest   # the tests")
    'pytest'
    """
    comment = COMMENT.search(line)
    if comment is None:
        return line.strip()
    alternative = POSIX_ALTERNATIVE.search(comment["comment"])
    return alternative["command"] if alternative else line[:comment.start()].strip()


@dataclass(frozen=True)
class Plan:
    """The README's commands in three parts: set-up, JupyterLab, then the tests."""

    setup: list[str]
    jupyter_lab: str
    tests: list[str]


def plan(lines: list[str], test_lines: list[str]) -> Plan:
    """The POSIX commands of the learners' block, which ends with its one `jupyter lab` line,
    and of the tests block."""
    commands = [posix_command(line) for line in lines]
    starts = [number for number, command in enumerate(commands)
              if command.startswith(JUPYTER_LAB)]
    if starts != [len(commands) - 1]:
        raise ValueError(f'README.md\'s "{HEADING}" block needs exactly one `jupyter lab ...` '
                         f"line, its last; found: {commands}")
    tests = [posix_command(line) for line in test_lines]
    if not tests or any(command.startswith(JUPYTER_LAB) for command in tests):
        raise ValueError(f'README.md\'s "{TESTS_HEADING}" block needs the test commands, and '
                         f"no `jupyter lab` line; found: {tests}")
    return Plan(commands[:-1], commands[-1], tests)


def readme_plan(readme: str) -> Plan:
    """What the README's two blocks run, in order."""
    return plan(readme_block(readme, HEADING), readme_block(readme, TESTS_HEADING))


def headless(jupyter_lab: str, port: int, token: str, as_root: bool = False) -> str:
    """The README's `jupyter lab` command with the options a server without a screen needs
    (and `--allow-root` where CI runs as root, which JupyterLab otherwise refuses)."""
    return (f"{jupyter_lab} --no-browser{' --allow-root' if as_root else ''} "
            f"--ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token}")


def notebook_of(jupyter_lab: str) -> str:
    """The notebook path the `jupyter lab` command opens.

    >>> notebook_of("jupyter lab notebooks/01_accuracy_trap.ipynb")
    'notebooks/01_accuracy_trap.ipynb'
    """
    paths = [word for word in shlex.split(jupyter_lab) if word.endswith(".ipynb")]
    if len(paths) != 1:
        raise ValueError(f"`{jupyter_lab}` should open one notebook, the course's first")
    return paths[0]


def shell_script(steps: Plan, port: int, token: str, waiter: Path, log: Path,
                 as_root: bool = False) -> str:
    """One bash script that runs the steps, printing each command and the seconds since start;
    JupyterLab's output goes to ``log``, printed if it does not answer."""

    def run(command: str) -> list[str]:
        return [f"echo {shlex.quote('+ ' + command)} \"($SECONDS s)\"", command]

    server = headless(steps.jupyter_lab, port, token, as_root)
    wait = ["python", str(waiter), "--wait-for-jupyter", str(port), token,
            notebook_of(steps.jupyter_lab), "$jupyter_pid"]
    return "\n".join([
        "set -euo pipefail",
        *[line for command in steps.setup for line in run(command)],
        f"echo {shlex.quote('+ ' + steps.jupyter_lab + ' (headless, in the background)')}",
        f"{server} > {shlex.quote(str(log))} 2>&1 &",
        "jupyter_pid=$!",
        "trap 'kill $jupyter_pid 2>/dev/null || true' EXIT",
        f"{shlex.join(wait[:-1])} {wait[-1]} || {{ cat {shlex.quote(str(log))}; exit 1; }}",
        'kill "$jupyter_pid"; wait "$jupyter_pid" || true',
        'echo "JupyterLab answered and stopped ($SECONDS s)"',
        *[line for command in steps.tests for line in run(command)],
        'echo "done ($SECONDS s)"',
    ]) + "\n"


def get_json(url: str, token: str) -> dict:
    """The JSON answer of the Jupyter server at ``url``, authenticated with ``token``."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def running(pid: int) -> bool:
    """True while process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user
        return True
    return True


def wait_for_jupyter(port: int, token: str, notebook: str, pid: int) -> None:
    """Return once the server (process ``pid``) answers /api/status and serves ``notebook``;
    exit if it stops or does not answer within 90 s."""
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            status = get_json(f"{base}/api/status", token)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if not running(pid):
                sys.exit("JupyterLab stopped before answering; its log follows.")
            if time.monotonic() > deadline:
                sys.exit(f"JupyterLab did not answer {base}/api/status within "
                         f"{SERVER_START_SECONDS} s ({error}); its log follows.")
            time.sleep(0.5)
    # `jupyter lab FOLDER/NAME.ipynb` serves FOLDER, the notebook under its NAME.
    name = Path(notebook).name
    try:
        contents = get_json(f"{base}/api/contents/{name}?content=0", token)
    except urllib.error.HTTPError as error:
        error.close()
        sys.exit(f"JupyterLab does not serve {notebook} as {name} ({error}); its log follows.")
    if contents.get("type") != "notebook":
        sys.exit(f"JupyterLab serves {name} as {contents.get('type')!r}, not as a notebook.")
    print(f"JupyterLab answered /api/status (started {status.get('started')}) and serves "
          f"{notebook}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(work: Path, bin_folder: Path | None) -> dict[str, str]:
    """This process's environment without an active virtual environment, with Jupyter's and
    IPython's settings in ``work`` (as for a new learner), ``bin_folder`` first on PATH if given."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH")}
    for name, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        environment[name] = str(work / "jupyter" / folder)
    if bin_folder is not None:
        environment["PATH"] = f"{bin_folder}{os.pathsep}{environment.get('PATH', '')}"
    return environment


def python3_shim(folder: Path, python: str) -> Path:
    """A folder whose `python3` is the interpreter ``python`` names, to put first on PATH."""
    try:
        executable = subprocess.run([python, "-c", "import sys; print(sys.executable)"],
                                    capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"--python {python} does not run: {error}")
    folder.mkdir()
    (folder / "python3").symlink_to(executable)
    return folder


def run_in_clone(python: str | None, keep: bool) -> None:
    """Clone this checkout, run the README's commands there, report the time they took."""
    steps = readme_plan(README.read_text())
    changed = subprocess.run(["git", "-C", str(COURSE_ROOT), "status", "--porcelain"],
                             capture_output=True, text=True, check=True).stdout
    if changed.strip():
        print("Note: uncommitted changes are not in the clone; commit them to run them.")
    work = Path(tempfile.mkdtemp(prefix="without-make-"))
    clone = work / "course"
    subprocess.run(["git", "clone", "--quiet", str(COURSE_ROOT), str(clone)], check=True)
    script = work / "without-make.sh"
    script.write_text(shell_script(steps, free_port(), secrets.token_hex(16),
                                   clone / "tools" / "without_make.py", work / "jupyterlab.log",
                                   os.geteuid() == 0))
    print(f"README.md, {HEADING!r} and {TESTS_HEADING!r}, run in a fresh clone: {clone}",
          flush=True)
    shim = python3_shim(work / "bin", python) if python else None
    started = time.perf_counter()
    result = subprocess.run(["bash", str(script)], cwd=clone, env=clean_environment(work, shim))
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"A command of the README's \"Without make\" blocks failed after {seconds:.0f} s "
                 f"(output above); the clone is kept in {clone}.")
    print(f"The README's \"Without make\" commands ran in {seconds:.0f} s.")
    if keep:
        print(f"The clone is kept in {clone}.")
    else:
        shutil.rmtree(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="the interpreter `python3` means in the commands")
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    parser.add_argument("--wait-for-jupyter", nargs=4, help=argparse.SUPPRESS,
                        metavar=("PORT", "TOKEN", "NOTEBOOK", "PID"))
    args = parser.parse_args()
    if args.wait_for_jupyter:
        port, token, notebook, pid = args.wait_for_jupyter
        wait_for_jupyter(int(port), token, notebook, int(pid))
    else:
        run_in_clone(args.python, args.keep)


if __name__ == "__main__":
    main()
