"""Asking: a question in, cited paragraphs out.

`understanding` reads what a question says about which reports it means and what
it asks; `ranking` chooses the reports and ranks their paragraphs; `highlight`
finds the best sentences; `answer` runs them in order.
"""
