import pytest


@pytest.fixture(scope="session")
def ccemu_options(tmp_path_factory):
    # Start options of the session's ccemu: reproducible ids, and every exchange recorded.
    return {"seed": 1, "record": tmp_path_factory.mktemp("ccemu") / "session.jsonl"}
