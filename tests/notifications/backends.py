"""Mail backends that fail, to play a crash in the middle of a sending job."""

from django.core.mail.backends.locmem import EmailBackend


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionError("Serveur de courriel injoignable")


class FailingForBackend(EmailBackend):
    """Fails for the addresses in ``FAIL_FOR``, sends the others to ``mail.outbox``."""

    FAIL_FOR: set = set()

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & self.FAIL_FOR:
                raise ConnectionError("Serveur de courriel injoignable")
        return super().send_messages(messages)
