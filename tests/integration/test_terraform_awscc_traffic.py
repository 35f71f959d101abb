"""Terraform's awscc provider against ccemu, request by request. No terraform binary can run here, so
its traffic is written byte for byte from the provider's public source (hashicorp/terraform-provider-awscc
at f995d4f, with aws-sdk-go-v2 service/cloudcontrol v1.32 and hashicorp/aws-sdk-go-base/v2):

- start-up (internal/provider/provider.go newProviderData -> aws-sdk-go-base aws_config.go GetAwsConfig,
  then GetAwsAccountIDAndPartition): STS GetCallerIdentity twice; the provider has no
  skip_credentials_validation, so both always happen; with an assume_role block, AssumeRole first
  (aws-sdk-go-base credentials.go/stscreds) and everything after signed with the role's credentials;
- create (internal/generic/resource.go Create): CreateResource {ClientToken: tfresource.UniqueId()
  ("terraform-" + yyyymmddHHMMSS + 4 fraction digits + 8 hex counter digits, internal/tfresource/id.go),
  DesiredState, TypeName}, the SDK's ResourceRequestSuccess waiter (first GetResourceRequestStatus at
  once, internal/service/cloudcontrol/waiter.go), then GetResource for the computed values
  (populateUnknownValues);
- refresh (resource.go Read -> internal/service/cloudcontrol/find.go): GetResource;
- update (resource.go Update, internal/generic/patch.go): UpdateResource whose PatchDocument is a
  JSON-Patch diff of prior and planned state: removes first in descending index order, arrays of
  {Key, Value} objects replaced whole, write-only values cleared from the prior state so they are
  always re-added, "[]" when nothing changed;
- delete (internal/service/cloudcontrol/delete.go): DeleteResource, the waiter; a FAILED event with
  ErrorCode NotFound counts as deleted;
- plural data source (internal/generic/plural_data_source.go -> list.go ListResourcesByTypeName): the
  SDK paginator, ListResources {TypeName} then {NextToken, TypeName} until no NextToken; list
  resources (list_resource.go) add a GetResource per identifier.
DesiredState and prior/planned state JSON are Go encoding/json output (sorted keys, HTML escaped).
Signatures are real and checked (--verify-sigv4).
"""

import datetime
import json
import re
import unittest
import xml.etree.ElementTree as ET

from ccemu_server import salesforce_model
from go_sdk_wire import STS, GoSdkWire, go_json_list, start_signed_server
from test_stackql_seed import go_json

ACCESS_KEY, SECRET_KEY, ACCOUNT = "AKIDTERRAFORMAWSCC", "terraform-secret", "210987654321"
USER_AGENT = ("APN/1.0 HashiCorp/1.0 Terraform/1.12.0 (+https://www.terraform.io) terraform-provider-awscc/1.97.0 "
              "(+https://registry.terraform.io/providers/hashicorp/awscc) aws-sdk-go-v2/1.43.3 ua/2.1 os/linux "
              "lang/go#1.24.0 md/GOOS#linux md/GOARCH#amd64 api/cloudcontrol#1.32.3")
MAX_ATTEMPTS = 25  # provider.go defaultMaxRetries
BUCKET = "AWS::S3::Bucket"
PROFILE = "AWS::AppFlow::ConnectorProfile"
CLIENT_TOKEN = re.compile(r"^terraform-\d{18}[0-9a-f]{8}$")
_counter = 0


def unique_id():
    """tfresource.UniqueId(): "terraform-" + UTC yyyymmddHHMMSS + 4 fraction digits + an 8-hex counter."""
    global _counter
    _counter += 1
    now = datetime.datetime.now(datetime.timezone.utc)
    return f"terraform-{now.strftime('%Y%m%d%H%M%S')}{now.microsecond // 100:04d}{_counter:08x}"


def tf_patch(removes, others, key_value_replaces):
    """patch.go's output: removes sorted by path in descending (numeric) order, then the other operations,
    then the whole replacements of {Key, Value} arrays sorted by path; json.Marshal of
    mattbaird/jsonpatch operations ({"op","path","value"}, value omitted when nil)."""
    def number_key(op):
        return [int(p) if p.isdigit() else p for p in op["path"].split("/")]
    ops = sorted(removes, key=number_key, reverse=True) + others + sorted(key_value_replaces, key=lambda o: o["path"])
    return go_json_list(ops) if ops else "[]"


class TerraformAwsccTraffic(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        start_signed_server(cls, ACCESS_KEY, SECRET_KEY, ACCOUNT)

    def setUp(self):
        self.assertEqual(self.server.reset() // 100, 2)
        self.tf = GoSdkWire(self.server, ACCESS_KEY, SECRET_KEY, USER_AGENT, MAX_ATTEMPTS)
        # Provider start-up: GetAwsConfig validates the credentials, GetAwsAccountIDAndPartition asks again.
        self.assertEqual([self.tf.caller_identity(), self.tf.caller_identity()], [ACCOUNT, ACCOUNT])

    def ok(self, operation, **members):
        status, answer = self.tf.call(operation, **members)
        self.assertEqual(status, 200, (operation, answer))
        return answer

    def apply_write(self, operation, **members):
        """A write and its waiter: returns the terminal ProgressEvent."""
        token = unique_id()
        self.assertRegex(token, CLIENT_TOKEN)
        event = self.ok(operation, ClientToken=token, **members)["ProgressEvent"]
        self.assertEqual(event["OperationStatus"], "IN_PROGRESS")
        done, polls = self.tf.wait(event)
        self.assertEqual(polls, 1, "the waiter's first poll, made at once, sees the end")
        return done

    def read(self, type_name, identifier):
        return json.loads(self.ok("GetResource", Identifier=identifier, TypeName=type_name)
                          ["ResourceDescription"]["Properties"])

    def test_bucket_lifecycle(self):
        desired = {"BucketName": "tf-bucket", "CorsConfiguration": {"CorsRules": [
                       {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://a.example"], "MaxAge": 1},
                       {"AllowedMethods": ["PUT"], "AllowedOrigins": ["https://b.example"], "MaxAge": 2},
                       {"AllowedMethods": ["HEAD"], "AllowedOrigins": ["https://c.example"], "MaxAge": 3}]},
                   "Tags": [{"Key": "env", "Value": "dev"}], "VersioningConfiguration": {"Status": "Enabled"}}
        done = self.apply_write("CreateResource", DesiredState=go_json(desired), TypeName=BUCKET)
        self.assertEqual((done["OperationStatus"], done["Identifier"]), ("SUCCESS", "tf-bucket"))
        state = self.read(BUCKET, "tf-bucket")  # populateUnknownValues: Arn, DomainName, ...
        self.assertEqual(state["BucketName"], "tf-bucket")
        self.assertIn("Arn", state)
        self.assertEqual(self.read(BUCKET, "tf-bucket"), state)  # refresh before the next plan

        # Plan: two rules fewer and the first changed, a tag changed and one added, versioning suspended.
        planned = dict(state, CorsConfiguration={"CorsRules": [
                           {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://a.example"], "MaxAge": 60}]},
                       Tags=[{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "data"}],
                       VersioningConfiguration={"Status": "Suspended"})
        patch = tf_patch(
            removes=[{"op": "remove", "path": f"/CorsConfiguration/CorsRules/{i}"} for i in (0, 1, 2)],
            others=[{"op": "add", "path": "/CorsConfiguration/CorsRules/0",
                     "value": planned["CorsConfiguration"]["CorsRules"][0]},
                    {"op": "replace", "path": "/VersioningConfiguration/Status", "value": "Suspended"}],
            key_value_replaces=[{"op": "replace", "path": "/Tags", "value": planned["Tags"]}])
        self.assertTrue(patch.startswith('[{"op":"remove","path":"/CorsConfiguration/CorsRules/2"},'
                                         '{"op":"remove","path":"/CorsConfiguration/CorsRules/1"},'), patch)
        done = self.apply_write("UpdateResource", Identifier="tf-bucket", PatchDocument=patch, TypeName=BUCKET)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual(self.read(BUCKET, "tf-bucket"), planned)

        # Nothing changed: patchDocument returns "[]" and the update still runs.
        done = self.apply_write("UpdateResource", Identifier="tf-bucket", PatchDocument="[]", TypeName=BUCKET)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual(self.read(BUCKET, "tf-bucket"), planned)

        done = self.apply_write("DeleteResource", Identifier="tf-bucket", TypeName=BUCKET)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        # Deleted again (state out of date): FAILED with NotFound, which waiter.go takes as done.
        done = self.apply_write("DeleteResource", Identifier="tf-bucket", TypeName=BUCKET)
        self.assertEqual((done["OperationStatus"], done["ErrorCode"]), ("FAILED", "NotFound"), done)
        # The next refresh: find.go turns ResourceNotFoundException into "remove from state".
        status, answer = self.tf.call("GetResource", Identifier="tf-bucket", TypeName=BUCKET)
        self.assertEqual((status, answer["__type"]), (400, "com.amazonaws.cloudcontrol#ResourceNotFoundException"))

    def test_write_only_config_is_always_re_added(self):
        model = salesforce_model("tf-profile")
        done = self.apply_write("CreateResource", DesiredState=go_json(model), TypeName=PROFILE)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        state = self.read(PROFILE, "tf-profile")
        self.assertNotIn("ConnectorProfileConfig", state)
        # Update clears write-only values from the prior state, so the diff adds ConnectorProfileConfig
        # whole beside the real change.
        patch = tf_patch([], [{"op": "add", "path": "/ConnectorProfileConfig", "value": model["ConnectorProfileConfig"]},
                              {"op": "replace", "path": "/ConnectionMode", "value": "Private"}], [])
        done = self.apply_write("UpdateResource", Identifier="tf-profile", PatchDocument=patch, TypeName=PROFILE)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual(self.read(PROFILE, "tf-profile")["ConnectionMode"], "Private")

    def test_assume_role_block(self):
        """provider "awscc" { assume_role { role_arn, session_name } }: aws-sdk-go-base's
        assumeRoleCredentialsProvider (stscreds) calls AssumeRole with the provider's
        defaultAssumeRoleDuration (1 h), then every call, the start-up GetCallerIdentity included,
        signs with the role's temporary credentials; what they create belongs to the role's account."""
        role_account = "777766665555"
        status, root = self.tf.sts_call("AssumeRole", DurationSeconds="3600",
                                        RoleArn=f"arn:aws:iam::{role_account}:role/terraform",
                                        RoleSessionName="terraform-run")
        self.assertEqual(status, 200, ET.tostring(root))
        creds = root.find(f"{STS}AssumeRoleResult/{STS}Credentials")
        as_role = GoSdkWire(self.server, creds.findtext(f"{STS}AccessKeyId"), creds.findtext(f"{STS}SecretAccessKey"),
                            USER_AGENT, MAX_ATTEMPTS, session_token=creds.findtext(f"{STS}SessionToken"))
        self.assertEqual([as_role.caller_identity(), as_role.caller_identity()], [role_account, role_account])
        self.tf = as_role
        done = self.apply_write("CreateResource", DesiredState=go_json(salesforce_model("tf-role-profile")),
                                TypeName=PROFILE)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual(self.read(PROFILE, "tf-role-profile")["ConnectorProfileArn"],
                         f"arn:aws:appflow:us-east-1:{role_account}:connectorprofile/tf-role-profile")

    def test_plural_data_source_reads_three_pages(self):
        names = [f"tf-list-{i:03d}" for i in range(250)]
        for name in names:
            self.ok("CreateResource", ClientToken=unique_id(), DesiredState=go_json({"BucketName": name}), TypeName=BUCKET)
        identifiers, pages, token = [], 0, None
        while True:  # the SDK paginator: no MaxResults, NextToken until there is none
            page = self.ok("ListResources", NextToken=token, TypeName=BUCKET)
            pages += 1
            identifiers += [d["Identifier"] for d in page["ResourceDescriptions"]]
            token = page.get("NextToken")
            if token is None:
                break
        self.assertEqual((pages, sorted(identifiers)), (3, names))
        self.assertEqual([op for op, _ in self.tf.sent[-3:]], ["ListResources"] * 3)
        self.assertEqual(self.tf.sent[-3][1], '{"TypeName":"AWS::S3::Bucket"}')
        # A list resource (list_resource.go) then reads each one.
        self.assertEqual(self.read(BUCKET, names[0])["BucketName"], names[0])


if __name__ == "__main__":
    unittest.main()
