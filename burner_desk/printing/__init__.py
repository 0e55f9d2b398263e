"""Printouts (reportlab): one module per document, each `build(data, lang, *, invariant=False) -> bytes`.

Data come in as the frozen values of `data`; wording from the gettext catalogs in resources/print/ (`texts`); every look
from `styles`; the shared page assembly from `layout`.
"""
