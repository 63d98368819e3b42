"""Every pytest run checks the course strictly: a statement of a notebook's text that no longer
holds (``helpers.claim``) raises an AssertionError instead of printing a note for the learner.

Set here, at the root, so that it covers every test folder and every notebook kernel the tests
start (nbval's, the browser test's JupyterLab, the Colab floor, the workshop run): they inherit
this process's environment. Outside pytest, set it yourself: ``COURSE_CHECKS=strict``.
"""

import os

os.environ["COURSE_CHECKS"] = "strict"
