"""askofsted: find what Ofsted inspectors found, as cited paragraphs."""

__version__ = "0.1.0"
