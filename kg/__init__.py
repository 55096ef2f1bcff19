"""kg: knowledge graphs of places, projects and numbered slogans from Chinese policy documents.

The data flow is one subpackage per stage: ingest → nlp → relations → graph → export, wired by
``kg.cli``. See README.md for the two commands that set up and run everything.
"""

__version__ = "0.1.0"
