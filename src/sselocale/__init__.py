"""sselocale: carry social and solidarity economy articles into other languages.

Articles are split into translatable units, machine-translated offline under an
SSE terminology glossary, and exported as gettext PO files for human review.
"""

__version__ = "0.1.0"
