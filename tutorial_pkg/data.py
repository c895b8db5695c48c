"""The eleven (x, y) points of the lesson's article."""

import torch

# Tuples, so nobody can change the lesson's data by accident.
# --8<-- [start:data]
X_DATA = (0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0)
Y_DATA = (35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4)
# --8<-- [end:data]


def load_data() -> tuple[torch.Tensor, torch.Tensor]:
    """Return the article's ``x`` and ``y`` as new float32 tensors.

    Every call builds new tensors, so a reader who edits them in place
    cannot break a later snippet.
    """
    return torch.tensor(X_DATA), torch.tensor(Y_DATA)
