"""pytest plugin (entry point pytest11 "ccemu"): one ccemu per test session, reset before each test.

Fixtures:
  ccemu                 session-scoped Ccemu; under pytest-xdist each worker has its own (port 0).
  ccemu_options         session-scoped dict of Ccemu start options; override it in conftest.py.
  cloudcontrol_client   boto3 Cloud Control client pointed at ccemu (skips when boto3 is missing).
  appflow_client        boto3 AppFlow client pointed at ccemu (skips when boto3 is missing).
Before every test that uses ccemu (directly or through a client), its resources, requests and
fault rules are cleared; mark a test `@pytest.mark.ccemu_no_reset` to keep what earlier tests left.
The binary: --ccemu-binary, else $CCEMU_BINARY, else `ccemu` on PATH.
"""

import pytest

from .server import Ccemu

CLIENT_SETTINGS = {"region_name": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}


def pytest_addoption(parser):
    parser.addoption("--ccemu-binary", default=None, help="the ccemu binary to run (default: $CCEMU_BINARY, "
                     "else ccemu on PATH)")


def pytest_configure(config):
    config.addinivalue_line("markers", "ccemu_no_reset: do not reset ccemu before this test")


@pytest.fixture(scope="session")
def ccemu_options():
    """Start options for the session's ccemu (see Ccemu); override in conftest.py."""
    return {}


@pytest.fixture(scope="session")
def ccemu(request, ccemu_options):
    options = dict(ccemu_options)
    options.setdefault("binary", request.config.getoption("--ccemu-binary"))
    with Ccemu(**options) as server:
        yield server


@pytest.fixture(autouse=True)
def _ccemu_reset(request):
    # Only tests that use ccemu pay for (and start) it.
    if "ccemu" in request.fixturenames and request.node.get_closest_marker("ccemu_no_reset") is None:
        server = request.getfixturevalue("ccemu")
        server.reset()
        server.clear_faults()


def _boto3_client(service, server):
    boto3 = pytest.importorskip("boto3", reason="the cloudcontrol_client and appflow_client fixtures need boto3")
    return boto3.client(service, endpoint_url=server.endpoint_url, **CLIENT_SETTINGS)


@pytest.fixture
def cloudcontrol_client(ccemu):
    return _boto3_client("cloudcontrol", ccemu)


@pytest.fixture
def appflow_client(ccemu):
    return _boto3_client("appflow", ccemu)
