"""Ofsted's world as data: authorities, report types, judgements and grades."""
