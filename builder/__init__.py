"""Five Frames: turn five articles and YAML lesson specs into a verified course.

The pipeline, in data-flow order:

``source`` (read YAML with line numbers) → ``articles`` (load seeds) →
``glossary`` / ``lessons`` (validate specs) → ``anchor`` (verify quotes) →
``pages`` (render Markdown) → ``output`` (write a build atomically).

``course.load_course`` runs the loading stages; ``cli`` and ``plugin`` are thin
adapters around it.
"""

__version__ = "0.1.0"
