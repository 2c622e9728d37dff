"""Why a board action was refused: a message for the user, in their language; nothing was changed."""


class BoardError(Exception):
    """The action is not possible now (already filled, overlapping dates...); shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
