"""Printouts (reportlab): one module per document, each `build(data, lang, *, invariant=False) -> bytes`.

Data come in as the frozen values of `data`; wording from resources/print/<lang>.json (`texts`); every look
from `styles`; the shared page assembly from `layout`.
"""
