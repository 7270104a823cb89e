"""The Review page: a run's metrics, confusion matrix, calibration and learning curve, and its errors."""
