"""What a browser would post for a form of a page: to re-submit a page as it was drawn."""

from html import unescape
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, action_part):
        super().__init__(convert_charrefs=True)
        self.action_part, self.inside, self.done = action_part, False, False
        self.data: dict[str, list[str]] = {}
        self.select = self.textarea = None
        self.text = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        where = " ".join(f"{k}={v or ''}" for k, v in attrs.items())
        if tag == "form" and not self.done and self.action_part in where:
            self.inside = (attrs.get("method") or "get").lower() == "post"
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self._add(self.select, attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self._add(self.textarea, unescape("".join(self.text)).removeprefix("\n"))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def posted(html: str, action_part: str) -> dict[str, list[str]]:
    """The fields of the first POST form with ``action_part`` in its attributes (names too)."""
    parser = _FormParser(action_part)
    parser.feed(html)
    return {k: v if len(v) != 1 else v[0] for k, v in parser.data.items()}
