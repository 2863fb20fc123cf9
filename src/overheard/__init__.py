"""overheard: an offline workbench for intercepted and leaked phone calls."""

__version__ = "0.1.0"
