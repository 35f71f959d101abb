import json

import boto3
import pytest
from botocore.exceptions import ClientError

from ccemu_harness import Ccemu

TYPE = "AWS::AppFlow::ConnectorProfile"


def create_profile(client, name):
    model = {"ConnectorProfileName": name, "ConnectionMode": "Public", "ConnectorType": "Salesforce",
             "ConnectorProfileConfig": {
                 "ConnectorProfileProperties": {"Salesforce": {"InstanceUrl": "https://example.my.salesforce.com"}},
                 "ConnectorProfileCredentials": {"Salesforce": {"AccessToken": "example-token"}}}}
    event = client.create_resource(TypeName=TYPE, DesiredState=json.dumps(model))["ProgressEvent"]
    client.get_waiter("resource_request_success").wait(RequestToken=event["RequestToken"])


def listed(client):
    return [d["Identifier"] for d in client.list_resources(TypeName=TYPE)["ResourceDescriptions"]]


def test_create(cloudcontrol_client, ccemu):
    create_profile(cloudcontrol_client, "p1")
    assert listed(cloudcontrol_client) == ["p1"]
    assert [r["event"]["Operation"] for r in ccemu.requests()] == ["CREATE"]


def test_the_previous_test_left_nothing(cloudcontrol_client):
    assert listed(cloudcontrol_client) == []


def test_injected_fault(cloudcontrol_client, ccemu):
    ccemu.add_fault(operation="ListResources", error={"code": "ResourceConflictException"}, times=1)
    with pytest.raises(ClientError) as raised:
        listed(cloudcontrol_client)
    assert raised.value.response["Error"]["Code"] == "ResourceConflictException"
    assert listed(cloudcontrol_client) == []  # times=1: the next call is answered


def test_the_session_is_recorded(cloudcontrol_client, ccemu):
    listed(cloudcontrol_client)
    with open(ccemu.options["record"]) as recording:
        assert any(json.loads(line)["operation"] == "ListResources" for line in recording)


def test_a_recording_replays(tmp_path):
    recording = tmp_path / "run.jsonl"
    settings = {"region_name": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}
    with Ccemu(seed=1, record=recording) as recorder:
        create_profile(boto3.client("cloudcontrol", endpoint_url=recorder.endpoint_url, **settings), "p2")
    with Ccemu(replay=recording) as replayer:
        create_profile(boto3.client("cloudcontrol", endpoint_url=replayer.endpoint_url, **settings), "p2")
