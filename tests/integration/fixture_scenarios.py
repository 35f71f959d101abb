"""The seed scenarios whose recordings are committed in fixtures/recordings/, and how they are made.

Each scenario drives ccemu the way StackQL does (test_stackql_seed.StackqlWire: Go-encoded bodies, real
SigV4 headers, `POST /?Action=...`):

- seed-sql: the SQL examples of the seed page for aws.appflow.connector_profiles (shared/seeds/), in
  order: INSERT with the required properties only (AppFlow refuses it: FAILED InvalidRequest), INSERT with
  all properties, the per-identifier SELECT, the region-wide SELECT (ListResources, then GetResource per
  row), UPDATE with a PatchDocument (ConnectionMode, then a rotated ConnectorProfileConfig), DELETE and a
  SELECT that finds nothing; each mutation followed by the request-status SELECT of
  aws.cloud_control.resource_request (stackql/README.md §2.7). Two more INSERTs use the seed's Snowflake
  and GoogleAnalytics manifests (fixtures/seed/) with their own secret values, so that passwords and
  OAuth client secrets pass through the recorder too.
- stackql-deploy: stackql-deploy 1.9.2 over the seed stack (stackql/README.md §5.3): build (fresh),
  build again (no drift), test, teardown, teardown again (nothing left).

`python3 fixture_scenarios.py --out DIR` (scripts/record-fixtures) starts ccemu with --seed and --record for
each scenario and writes DIR/<scenario>.jsonl. Every secret a scenario sends is in SENT_SECRETS.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from ccemu_server import CcemuServer  # noqa: E402
from test_stackql_seed import KMS_ARN, SeedStack, StackqlWire, all_properties, datadog_config  # noqa: E402

REPOSITORY = os.path.normpath(os.path.join(HERE, "..", ".."))
RECORDINGS = os.path.join(REPOSITORY, "fixtures", "recordings")
SEED_MODELS = os.path.join(REPOSITORY, "fixtures", "seed")
SEED = "1"

# The scenarios' client credentials: the access key id is sent in every Authorization header, the secret
# key signs; neither may reach a recording.
WIRE_ACCESS_KEY = "AKIAFIXTURESCENARIO1"
WIRE_SECRET_KEY = "fixture-scenario-secret-key-0000000000000001"

ROTATED_DATADOG = {"ApiKey": "fixture-rotated-datadog-api-key", "ApplicationKey": "fixture-rotated-datadog-app-key"}
SNOWFLAKE_CREDENTIALS = {"Username": "fixture-snowflake-user", "Password": "fixture-snowflake-password"}
GOOGLE_ANALYTICS_CREDENTIALS = {
    "ClientId": "fixture-ga-client-id",
    "ClientSecret": "fixture-ga-client-secret",
    "AccessToken": "fixture-ga-access-token",
    "RefreshToken": "fixture-ga-refresh-token",
    "ConnectorOAuthRequest": {"AuthCode": "fixture-ga-auth-code", "RedirectUri": "https://example.com/oauth/callback"},
}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Every secret value the scenarios send (write-only property values and the client's credentials), none
# of which a fixture may hold.
SENT_SECRETS = sorted(
    set(_strings(datadog_config()["ConnectorProfileCredentials"]))
    | {KMS_ARN, WIRE_ACCESS_KEY, WIRE_SECRET_KEY}
    | set(_strings(ROTATED_DATADOG))
    | set(_strings(SNOWFLAKE_CREDENTIALS))
    | set(_strings(GOOGLE_ANALYTICS_CREDENTIALS)) - {"https://example.com/oauth/callback"}
)


def seed_model(connector, name, credentials):
    """A per-connector seed manifest (fixtures/seed/<connector>.json) with these credentials."""
    with open(os.path.join(SEED_MODELS, connector + ".json"), encoding="utf-8") as handle:
        model = json.load(handle)
    model["ConnectorProfileName"] = name
    config = model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]
    (key,) = config
    config[key] = credentials
    return model


def status_select(wire, reply):
    """SELECT ... FROM aws.cloud_control.resource_request WHERE data__RequestToken = <the event's token>."""
    if reply.status == 200:
        wire.request_status(reply.body["ProgressEvent"]["RequestToken"])


def seed_sql(wire):
    required = {"ConnectorProfileName": "my-profile", "ConnectorType": "Salesforce", "ConnectionMode": "Public"}
    status_select(wire, wire.insert(required))
    status_select(wire, wire.insert(all_properties("dd-profile")))
    wire.select_by_identifier("dd-profile")
    wire.select_region()
    status_select(wire, wire.update("dd-profile", '[{"op":"add","path":"/ConnectionMode","value":"Private"}]'))
    config = {"ConnectorProfileProperties": datadog_config()["ConnectorProfileProperties"],
              "ConnectorProfileCredentials": {"Datadog": ROTATED_DATADOG}}
    status_select(wire, wire.update("dd-profile", json.dumps([{"op": "add", "path": "/ConnectorProfileConfig",
                                                              "value": config}])))
    wire.select_by_identifier("dd-profile")
    status_select(wire, wire.insert(seed_model("snowflake", "sf-profile", SNOWFLAKE_CREDENTIALS)))
    status_select(wire, wire.insert(seed_model("googleanalytics", "ga-profile", GOOGLE_ANALYTICS_CREDENTIALS)))
    wire.select_region()
    for name in ("dd-profile", "sf-profile", "ga-profile"):
        status_select(wire, wire.delete(name))
    wire.select_by_identifier("dd-profile")


def stackql_deploy(wire):
    stack = SeedStack(wire, "dd-stack")
    outcomes = [stack.build(), stack.build(), stack.test() is not None, stack.teardown(), stack.teardown()]
    expected = ["created", "validated", True, "deleted", "absent"]
    if outcomes != expected:
        raise AssertionError(f"stackql-deploy scenario went {outcomes}, expected {expected}")


SCENARIOS = {"seed-sql": seed_sql, "stackql-deploy": stackql_deploy}


def wire_for(server):
    return StackqlWire(server, access_key=WIRE_ACCESS_KEY, secret_key=WIRE_SECRET_KEY)


def record(name, path, binary=None):
    """Records scenario `name` from a fresh `ccemu --seed 1 --record path` (path is replaced)."""
    if os.path.exists(path):
        os.remove(path)
    with CcemuServer("--seed", SEED, "--record", path, binary=binary) as server:
        SCENARIOS[name](wire_for(server))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.environ.get("CCEMU_BINARY"), help="ccemu to run")
    parser.add_argument("--out", default=RECORDINGS, help="folder for <scenario>.jsonl (default fixtures/recordings)")
    args = parser.parse_args()
    if not args.binary:
        parser.error("give --binary or set CCEMU_BINARY")
    os.makedirs(args.out, exist_ok=True)
    for name in SCENARIOS:
        path = os.path.join(args.out, name + ".jsonl")
        record(name, path, binary=args.binary)
        with open(path, encoding="utf-8") as handle:
            print(f"{path}: {sum(1 for _ in handle)} exchanges")


if __name__ == "__main__":
    main()
