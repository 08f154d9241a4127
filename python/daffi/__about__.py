# The daffi API version this package implements (a drop-in for daffi 3.0.1).
__version__ = "3.0.1"
# This implementation: daffi-qt, the Qt/C++ core.
__implementation__ = "daffi-qt 0.1.0"
