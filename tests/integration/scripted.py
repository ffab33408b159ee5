"""Answers for pam.run that depend on which prompt is shown."""


class ByPrompt:
    """Each prompt is answered from its own queue, picked by the prompt's text
    (exactly, else the longest key the text starts with). An entry is a string or
    a callable called when the prompt appears (for codes that must be fresh).
    A prompt without answers left ends the conversation."""

    def __init__(self, queues):
        self.queues = {k: list(v) for k, v in queues.items()}
        self.asked = []

    def __call__(self, kind, text):
        self.asked.append((kind, text))
        key = text if text in self.queues else max(
            (k for k in self.queues if text.startswith(k)), key=len, default=None)
        if key is None or not self.queues[key]:
            return None
        answer = self.queues[key].pop(0)
        return answer() if callable(answer) else answer
