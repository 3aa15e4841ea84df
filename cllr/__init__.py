"""The ``cllr`` command line: a thin entry layer beside the Slack bot."""

__all__: list[str] = []
