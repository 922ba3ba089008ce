"""The errors askofsted reports to its users: each message is one line that says what to do."""


class AskofstedError(Exception):
    """Base of every error the command line shows as a one-line message."""


class IndexMissing(AskofstedError):
    """There is no index where one was expected."""


class IndexOutdated(AskofstedError):
    """The index was made by another format version or another model."""


class IndexBusy(AskofstedError):
    """Another process holds the index's write lock."""


class NothingToIndex(AskofstedError):
    """The sources named hold no readable report."""


class UnknownReport(AskofstedError):
    """A citation or report id that the index does not hold."""
