class InputErrors(Exception):
    """Input refused as a whole; `errors` lists every problem, each naming its row or field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))
