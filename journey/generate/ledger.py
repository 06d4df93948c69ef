"""Per-chunk bookkeeping that the truth files and mess counts are read from."""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Ledger:
    """What the written rows say about each person of the chunk, and the mess they hold."""

    size: int
    unclean: np.ndarray = field(init=False)
    email_written: np.ndarray = field(init=False)
    mess: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.unclean = np.zeros(self.size, dtype=bool)
        self.email_written = np.zeros(self.size, dtype=bool)

    def own_emails(self, person: np.ndarray, written: np.ndarray, invalid: np.ndarray) -> None:
        """Rows carrying (a spelling of) the person's own email: a broken one spoils the person."""
        person = np.asarray(person)
        self.unclean[person[invalid]] = True
        self.email_written[person[written & ~invalid]] = True

    def spoil(self, person: np.ndarray) -> None:
        self.unclean[np.asarray(person)] = True
