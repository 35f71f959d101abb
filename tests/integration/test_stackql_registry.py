"""scripts/stackql-registry: copies a StackQL provider registry and points its Cloud Control and AppFlow servers
at ccemu.

The registry tests use the reference copies in shared/stackql/ (found through CCEMU_SHARED_DIR, else beside
the checkout) and skip when those are absent; nothing from there is kept in the project. What a correct
rewrite is comes from shared/stackql/README.md §4: every servers[].url naming cloudcontrolapi (both the
.com and .com.cn entries of each service file) points at the mock, `variables` stay, nothing else changes.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "stackql-registry")
SHARED_DIR = os.environ.get("CCEMU_SHARED_DIR") or os.path.join(HERE, "..", "..", "..", "shared")
STACKQL_DIR = os.path.join(SHARED_DIR, "stackql")
TEMPLATE = os.path.join(STACKQL_DIR, "local-registry-template")
SERVICES = os.path.join("src", "aws", "v00.00.00000", "services")
CCEMU_URL = "http://127.0.0.1:4566"

# Counted independently of the script: a `url:` line whose value is an AWS Cloud Control endpoint.
CLOUD_CONTROL_URL_LINE = re.compile(rb"^[ ]*(?:-[ ]+)?url:[ ]*['\"]?https://cloudcontrolapi\.[^'\"\s/]*amazonaws\.com")
CLOUD_CONTROL_ENDPOINT = re.compile(rb"https://cloudcontrolapi\.\{region\}\.amazonaws\.com(?:\.cn)?")


def run_script(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True, timeout=120)


def read(path):
    with open(path, "rb") as source:
        return source.read()


def cloud_control_url_lines(data):
    """Indexes of the lines of `data` that hold a Cloud Control server URL."""
    return [number for number, line in enumerate(data.splitlines()) if CLOUD_CONTROL_URL_LINE.match(line)]


def relative_files(root):
    return sorted(os.path.relpath(os.path.join(folder, name), root)
                  for folder, _, names in os.walk(root) for name in names)


def load_yaml(data):
    """Parsed YAML through PyYAML, or None when PyYAML is not installed (it is optional here)."""
    try:
        import yaml
    except ImportError:
        return None
    return yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def server_lists(document):
    """Every servers list of an OpenAPI document: document level, path level and operation level."""
    found = [document.get("servers", [])]
    for path_item in (document.get("paths") or {}).values():
        found.append(path_item.get("servers", []))
        found.extend(operation.get("servers", []) for operation in path_item.values() if isinstance(operation, dict))
    return [servers for servers in found if servers]


class StackqlRegistryTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, *parts):
        return os.path.join(self.tmp.name, *parts)

    def lay_out_registry(self, name, providers):
        """A registry root `name` holding src/<provider>/v00.00.00000/ copied from {provider: shared folder}."""
        for provider, folder in providers.items():
            shutil.copytree(os.path.join(STACKQL_DIR, folder), self.path(name, "src", provider, "v00.00.00000"))
        return self.path(name)

    def assert_only_url_lines_rewritten(self, before, after):
        old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
        self.assertEqual(len(new_lines), len(old_lines))
        url_lines = cloud_control_url_lines(before)
        changed = [number for number, (old, new) in enumerate(zip(old_lines, new_lines)) if old != new]
        self.assertEqual(changed, url_lines)
        for number in url_lines:
            self.assertEqual(new_lines[number], CLOUD_CONTROL_ENDPOINT.sub(CCEMU_URL.encode(), old_lines[number]))
        self.assertNotIn(b"https://cloudcontrolapi.", b"".join(new_lines[number] for number in url_lines))
        self.assertEqual(cloud_control_url_lines(after), [])


@unittest.skipUnless(os.path.isdir(TEMPLATE), f"StackQL reference registry not found at {TEMPLATE} "
                     "(set CCEMU_SHARED_DIR to the folder holding stackql/local-registry-template)")
class TemplateRegistryTest(StackqlRegistryTestCase):
    def test_rewrites_every_cloud_control_server_url(self):
        dest = self.path("registry")
        done = run_script(TEMPLATE, dest, CCEMU_URL)
        self.assertEqual(done.returncode, 0, done.stderr)

        self.assertEqual(relative_files(dest), relative_files(TEMPLATE))
        reported = dict(line.rsplit(": ", 1) for line in done.stdout.splitlines() if line.endswith(tuple("0123456789")))
        for service in ("appflow.yaml", "cloud_control.yaml"):
            with self.subTest(service=service):
                before = read(os.path.join(TEMPLATE, SERVICES, service))
                after = read(os.path.join(dest, SERVICES, service))
                expected = len(cloud_control_url_lines(before))
                self.assertEqual(expected, 2, "README §4: a .com and a .com.cn server per service file")
                self.assertEqual(reported[os.path.join(SERVICES, service)], str(expected))
                self.assert_only_url_lines_rewritten(before, after)
        provider = os.path.join("src", "aws", "v00.00.00000", "provider.yaml")
        self.assertEqual(read(os.path.join(dest, provider)), read(os.path.join(TEMPLATE, provider)))
        root = os.path.abspath(dest)
        registry = '{"url": "file://' + root + '", "localDocRoot": "' + root + '", "verifyConfig": {"nopVerify": true}}'
        self.assertIn("--registry='" + registry + "'", done.stdout)

    def test_parsed_documents_differ_only_in_server_urls(self):
        dest = self.path("registry")
        self.assertEqual(run_script(TEMPLATE, dest, CCEMU_URL).returncode, 0)
        for service in ("appflow.yaml", "cloud_control.yaml"):
            before = load_yaml(read(os.path.join(TEMPLATE, SERVICES, service)))
            if before is None:
                self.skipTest("PyYAML is not installed; the line-level test covers the rewrite")
            after = load_yaml(read(os.path.join(dest, SERVICES, service)))
            with self.subTest(service=service):
                self.assertEqual(sum(len(servers) for servers in server_lists(before)), 2)
                for servers in server_lists(before):
                    for server in servers:
                        self.assertRegex(server["url"], r"^https://cloudcontrolapi\.")
                        server["url"] = CCEMU_URL
                        self.assertIn("region", server["variables"])
                self.assertEqual(after, before)

    def test_refuses_a_non_empty_dest_unless_forced(self):
        dest = self.path("registry")
        os.mkdir(dest)
        with open(os.path.join(dest, "keep.txt"), "w") as marker:
            marker.write("user file")

        done = run_script(TEMPLATE, dest, CCEMU_URL)
        self.assertEqual(done.returncode, 2)
        self.assertIn("usage: stackql-registry", done.stderr)
        self.assertIn("exists and is not empty (use --force to copy into it)", done.stderr)
        self.assertEqual(os.listdir(dest), ["keep.txt"])

        done = run_script("--force", TEMPLATE, dest, CCEMU_URL)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(relative_files(dest), sorted(relative_files(TEMPLATE) + ["keep.txt"]))
        self.assertEqual(cloud_control_url_lines(read(os.path.join(dest, SERVICES, "appflow.yaml"))), [])

    def test_accepts_an_empty_dest(self):
        dest = self.path("registry")
        os.mkdir(dest)
        done = run_script(TEMPLATE, dest, CCEMU_URL)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(relative_files(dest), relative_files(TEMPLATE))


@unittest.skipUnless(os.path.isdir(os.path.join(STACKQL_DIR, "awscc-2026-08")),
                     f"StackQL provider snapshots not found in {STACKQL_DIR}")
class ProviderSnapshotTest(StackqlRegistryTestCase):
    def test_cloud_control_providers_are_rewritten(self):
        src = self.lay_out_registry("pulled", {"aws": "aws-cloudcontrol-2025-01-11", "awscc": "awscc-2026-08"})
        done = run_script(src, self.path("registry"), CCEMU_URL)
        self.assertEqual(done.returncode, 0, done.stderr)
        for provider in ("aws", "awscc"):
            for service in ("appflow.yaml", "cloud_control.yaml"):
                relative = os.path.join("src", provider, "v00.00.00000", "services", service)
                with self.subTest(file=relative):
                    before, after = read(os.path.join(src, relative)), read(self.path("registry", relative))
                    self.assertIn(f"{relative}: {len(cloud_control_url_lines(before))}", done.stdout)
                    self.assert_only_url_lines_rewritten(before, after)

    def test_native_appflow_provider_is_rewritten(self):
        # Since 2026-07 `aws.appflow` calls https://appflow.{region}.amazonaws.com, which ccemu serves too.
        src = self.lay_out_registry("pulled", {"aws": "aws-native-2026-08"})
        done = run_script(src, self.path("registry"), CCEMU_URL)
        self.assertEqual(done.returncode, 0, done.stderr)
        relative = os.path.join("src", "aws", "v00.00.00000", "services", "appflow.yaml")
        before, after = read(os.path.join(src, relative)), read(self.path("registry", relative))
        self.assertIn(f"{relative}: 1", done.stdout)
        old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
        changed = [number for number, (old, new) in enumerate(zip(old_lines, new_lines)) if old != new]
        self.assertEqual(len(changed), 1)
        self.assertEqual(new_lines[changed[0]],
                         old_lines[changed[0]].replace(b"https://appflow.{region}.amazonaws.com", CCEMU_URL.encode()))
        self.assertEqual(len(new_lines), len(old_lines))


# Hand-written service document: every servers level and YAML style the rewrite must handle, and the
# look-alikes it must leave alone. It is written with a mix of LF and CRLF line ends.
SYNTHETIC_SOURCE = """openapi: 3.0.0
info:
  description: |
    servers:
      - url: https://cloudcontrolapi.{region}.amazonaws.com
externalDocs:
  url: https://cloudcontrolapi.us-east-1.amazonaws.com
servers:
- url: "https://cloudcontrolapi.{region}.amazonaws.com"  # document level
  variables:
    region:
      default: us-east-1
-
  description: China
  url: 'https://cloudcontrolapi.cn-north-1.amazonaws.com.cn'
# - url: https://cloudcontrolapi.{region}.amazonaws.com
- url: https://appflow.{region}.amazonaws.com
paths:
  /:
    servers: [{url: 'https://cloudcontrolapi.eu-west-1.amazonaws.com/', description: path level}]
    post:
      servers:
        - url: https://cloudcontrolapi-fips.us-gov-west-1.amazonaws.com:443
      summary: x
    get:
      servers:
        - url: https://cloudcontrolapi.{region}.amazonaws.com.cnx
        - url: https://example.com/cloudcontrolapi.us-east-1.amazonaws.com
"""
SYNTHETIC_EXPECTED = SYNTHETIC_SOURCE.replace(
    '"https://cloudcontrolapi.{region}.amazonaws.com"', f'"{CCEMU_URL}"').replace(
    "'https://cloudcontrolapi.cn-north-1.amazonaws.com.cn'", f"'{CCEMU_URL}'").replace(
    "'https://cloudcontrolapi.eu-west-1.amazonaws.com/'", f"'{CCEMU_URL}/'").replace(
    "https://cloudcontrolapi-fips.us-gov-west-1.amazonaws.com:443", CCEMU_URL).replace(
    "- url: https://appflow.{region}.amazonaws.com", f"- url: {CCEMU_URL}")


def with_mixed_line_ends(text):
    lines = text.split("\n")
    return "".join(line + ("\r\n" if number % 2 else "\n") for number, line in enumerate(lines[:-1])).encode()


class RewriteRulesTest(StackqlRegistryTestCase):
    def test_every_servers_level_and_style(self):
        src = self.path("pulled")
        os.makedirs(os.path.join(src, "src", "demo", "v1", "services"))
        relative = os.path.join("src", "demo", "v1", "services", "demo.yaml")
        with open(os.path.join(src, relative), "wb") as document:
            document.write(with_mixed_line_ends(SYNTHETIC_SOURCE))
        with open(os.path.join(src, "src", "demo", "v1", "notes.txt"), "wb") as notes:
            notes.write(b"servers:\n  - url: https://cloudcontrolapi.{region}.amazonaws.com\n")

        done = run_script(src, self.path("registry"), CCEMU_URL + "/")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn(f"{relative}: 5\n", done.stdout)
        self.assertEqual(read(self.path("registry", relative)), with_mixed_line_ends(SYNTHETIC_EXPECTED))
        self.assertEqual(read(self.path("registry", "src", "demo", "v1", "notes.txt")),
                         read(os.path.join(src, "src", "demo", "v1", "notes.txt")))


class ArgumentsTest(StackqlRegistryTestCase):
    def test_script_is_executable(self):
        self.assertTrue(os.access(SCRIPT, os.X_OK))

    def test_bad_arguments_print_usage_and_exit_2(self):
        os.makedirs(self.path("not-a-registry"))
        os.makedirs(self.path("registry", "src"))
        cases = [
            ((), "the following arguments are required: SRC, DEST, URL"),
            ((self.path("missing"), self.path("out"), CCEMU_URL), "is not a directory"),
            ((self.path("not-a-registry"), self.path("out"), CCEMU_URL), "it has no src/ folder"),
            ((self.path("registry"), self.path("out"), "127.0.0.1:4566"), "URL must be http(s)://HOST[:PORT]"),
            ((self.path("registry"), self.path("out"), "http://127.0.0.1:4566/x"), "with no path"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                done = run_script(*args)
                self.assertEqual(done.returncode, 2)
                self.assertIn("usage: stackql-registry [-h] [--force] SRC DEST URL", done.stderr)
                self.assertIn(message, done.stderr)
        self.assertFalse(os.path.exists(self.path("out")))

    def test_refuses_dest_inside_src(self):
        os.makedirs(self.path("registry", "src"))
        done = run_script(self.path("registry"), self.path("registry", "copy"), CCEMU_URL)
        self.assertEqual(done.returncode, 2)
        self.assertIn("SRC and DEST must not contain each other", done.stderr)
        self.assertEqual(os.listdir(self.path("registry")), ["src"])


if __name__ == "__main__":
    unittest.main()
