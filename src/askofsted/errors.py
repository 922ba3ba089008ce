"""The errors askofsted reports to its users: each message is one line that says what to do."""


class AskofstedError(Exception):
    """Base of every error the command line shows as a one-line message."""


class IndexMissing(AskofstedError):
    """There is no index where one was expected."""


class NotAnIndex(AskofstedError):
    """A folder holds other things than an askofsted index: askofsted neither builds in it nor cleans it."""


class IndexOutdated(AskofstedError):
    """The index was made by another format version or another model."""


class IndexDamaged(AskofstedError):
    """A part of the index cannot be read or does not match what was recorded; the message
    names the part and the command that repairs it."""


class IndexBusy(AskofstedError):
    """Another process holds the index's write lock."""


class IndexUnwritable(AskofstedError):
    """The index's folder cannot be written (read-only, full, no permission); nothing was changed."""


class NothingToIndex(AskofstedError):
    """The sources named hold no readable report."""


class UnknownReport(AskofstedError):
    """A citation or report id that the index does not hold."""


class BadQuestion(AskofstedError):
    """A question with nothing to ask (empty, or only spaces)."""


class ChangeInterrupted(KeyboardInterrupt):
    """Ctrl-C came after a change was published: unlike any other interruption, the change is live."""

    def __init__(self, change):
        super().__init__("interrupted after the change was published")
        self.change = change
