"""Start a ccemu binary from Python tests: `with Ccemu() as ccemu: ... ccemu.endpoint_url ...`.

Standard library only. With pytest installed, the package is also a pytest plugin
(ccemu_harness.pytest_plugin): fixtures `ccemu`, `cloudcontrol_client` and `appflow_client`.
"""

from .server import Ccemu, CcemuError, CcemuStartError, find_binary

__all__ = ["Ccemu", "CcemuError", "CcemuStartError", "find_binary"]
