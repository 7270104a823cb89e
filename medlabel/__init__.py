"""medlabel: label medical reports, fine-tune a small language model locally, review its predictions."""

__version__ = "0.1.0"
