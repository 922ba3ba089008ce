"""Reading reports: a PDF or text file in, a `Report` (facts and cited paragraphs) out.

`sources` gives each page's lines, `paragraphs` rebuilds whole paragraphs with
their numbers, headings and pages, `facts` reads what a report says about itself,
and `reader` puts them together.
"""

from .reader import find_report_files, read_report, read_reports

__all__ = ["find_report_files", "read_report", "read_reports"]
