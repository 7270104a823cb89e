"""The Train page: choose, start, watch and cancel a training run; the run history and prediction."""
