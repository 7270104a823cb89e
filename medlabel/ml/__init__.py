"""Machine learning layer (torch, transformers, peft, scikit-learn); never imports Qt."""
