"""Generated registers: random councils' registers, paraphrased questions, independent golds."""

__all__: list[str] = []
