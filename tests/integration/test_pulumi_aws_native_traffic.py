"""Pulumi's aws-native provider against ccemu, request by request. No pulumi binary can run here, so
its traffic is written byte for byte from the provider's public source (pulumi/pulumi-aws-native at
43eed3b, aws-sdk-go-v2 service/cloudcontrol):

- start-up (provider/pkg/provider/provider.go Configure): STS GetCallerIdentity once, unless
  skipCredentialsValidation is set; the endpoints map sends "cloudcontrol" and "sts" to ccemu;
- create (provider/pkg/client/client.go Create, api.go CreateResource): CreateResource {ClientToken:
  a random UUID, DesiredState: json.Marshal of the inputs, TypeName} (RoleArn only when configured),
  the awaiter (awaiter.go: an exponential jittered pause, at most 30 s, then GetResourceRequestStatus
  until finished), then GetResource (getResourceRetryNotFound);
- read (client.go Read): GetResource; 404 or ResourceNotFoundException means gone;
- update (client.go Update, provider/pkg/resources/patching.go CalcPatch, provider/pkg/naming/convert.go
  diffToPatch): UpdateResource whose PatchDocument holds top-level operations only, in sorted SDK
  property name order: "replace" for a changed property (the whole new value), "add" for a new one,
  "remove" for a dropped one, and write-only properties that are not create-only re-sent with "add" even
  when unchanged, so an update with no change still adds them; then the awaiter and GetResource;
- delete (client.go Delete): DeleteResource, the awaiter; a FAILED event with ErrorCode NotFound is a
  successful delete;
- list (client.go List): one ListResources page per call, {MaxResults, NextToken, TypeName}.
Bodies: json.Marshal (sorted keys, HTML escaped) inside smithy-go's JSON. Signatures are checked
(--verify-sigv4).
"""

import json
import unittest
import uuid

from ccemu_server import salesforce_model
from go_sdk_wire import GoSdkWire, go_json_list, start_signed_server
from test_stackql_seed import go_json

ACCESS_KEY, SECRET_KEY, ACCOUNT = "AKIDPULUMINATIVE", "pulumi-secret", "333344445555"
USER_AGENT = ("aws-sdk-go-v2/1.41.0 ua/2.1 os/linux lang/go#1.24.0 md/GOOS#linux md/GOARCH#amd64 "
              "api/cloudcontrol#1.29.0 pulumi-aws-native/1.40.0")
MAX_ATTEMPTS = 25  # provider.go: maxRetries defaults to 25
BUCKET = "AWS::S3::Bucket"
PROFILE = "AWS::AppFlow::ConnectorProfile"


class PulumiAwsNativeTraffic(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        start_signed_server(cls, ACCESS_KEY, SECRET_KEY, ACCOUNT)

    def setUp(self):
        self.assertEqual(self.server.reset() // 100, 2)
        self.pulumi = GoSdkWire(self.server, ACCESS_KEY, SECRET_KEY, USER_AGENT, MAX_ATTEMPTS)
        self.assertEqual(self.pulumi.caller_identity(), ACCOUNT)  # Configure, skipCredentialsValidation unset

    def ok(self, operation, **members):
        status, answer = self.pulumi.call(operation, **members)
        self.assertEqual(status, 200, (operation, answer))
        return answer

    def write(self, operation, **members):
        event = self.ok(operation, ClientToken=str(uuid.uuid4()), **members)["ProgressEvent"]
        done, polls = self.pulumi.wait(event)
        self.assertEqual(polls, 1)
        return done

    def get(self, type_name, identifier):
        return json.loads(self.ok("GetResource", Identifier=identifier, TypeName=type_name)
                          ["ResourceDescription"]["Properties"])

    def test_bucket_lifecycle(self):
        inputs = {"BucketName": "pulumi-bucket", "CorsConfiguration": {"CorsRules": [
                      {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://a.example"]}]},
                  "Tags": [{"Key": "env", "Value": "dev"}], "VersioningConfiguration": {"Status": "Enabled"}}
        done = self.write("CreateResource", DesiredState=go_json(inputs), TypeName=BUCKET)
        self.assertEqual((done["OperationStatus"], done["Identifier"]), ("SUCCESS", "pulumi-bucket"))
        created = self.get(BUCKET, "pulumi-bucket")
        self.assertEqual(self.get(BUCKET, "pulumi-bucket"), created)  # refresh

        # corsConfiguration dropped, tags and versioningConfiguration changed: sorted by SDK name.
        tags = [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "data"}]
        patch = go_json_list([{"op": "remove", "path": "/CorsConfiguration"},
                              {"op": "replace", "path": "/Tags", "value": tags},
                              {"op": "replace", "path": "/VersioningConfiguration", "value": {"Status": "Suspended"}}])
        done = self.write("UpdateResource", Identifier="pulumi-bucket", PatchDocument=patch, TypeName=BUCKET)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        after = self.get(BUCKET, "pulumi-bucket")  # client.go Update reads the state back
        self.assertNotIn("CorsConfiguration", after)
        self.assertEqual((after["Tags"], after["VersioningConfiguration"]), (tags, {"Status": "Suspended"}))

        done = self.write("DeleteResource", Identifier="pulumi-bucket", TypeName=BUCKET)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        done = self.write("DeleteResource", Identifier="pulumi-bucket", TypeName=BUCKET)
        self.assertEqual((done["OperationStatus"], done["ErrorCode"]), ("FAILED", "NotFound"), done)
        status, answer = self.pulumi.call("GetResource", Identifier="pulumi-bucket", TypeName=BUCKET)
        self.assertEqual(status, 400, answer)  # Read: exists=false

    def test_update_without_change_re_adds_write_only_properties(self):
        model = salesforce_model("pulumi-profile")
        done = self.write("CreateResource", DesiredState=go_json(model), TypeName=PROFILE)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        before = self.get(PROFILE, "pulumi-profile")
        patch = go_json_list([{"op": "add", "path": "/ConnectorProfileConfig", "value": model["ConnectorProfileConfig"]}])
        done = self.write("UpdateResource", Identifier="pulumi-profile", PatchDocument=patch, TypeName=PROFILE)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual(self.get(PROFILE, "pulumi-profile"), before)
        # A real change beside it: connectionMode sorts before connectorProfileConfig.
        patch = go_json_list([{"op": "replace", "path": "/ConnectionMode", "value": "Private"},
                              {"op": "add", "path": "/ConnectorProfileConfig", "value": model["ConnectorProfileConfig"]}])
        done = self.write("UpdateResource", Identifier="pulumi-profile", PatchDocument=patch, TypeName=PROFILE)
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual(self.get(PROFILE, "pulumi-profile")["ConnectionMode"], "Private")

    def test_list_reads_three_pages(self):
        names = [f"pulumi-list-{i}" for i in range(5)]
        for name in names:
            self.write("CreateResource", DesiredState=go_json({"BucketName": name}), TypeName=BUCKET)
        identifiers, token, pages = [], None, 0
        while True:
            page = self.ok("ListResources", MaxResults=2, NextToken=token, TypeName=BUCKET)
            pages += 1
            identifiers += [d["Identifier"] for d in page["ResourceDescriptions"]]
            token = page.get("NextToken")
            if token is None:
                break
        self.assertEqual((pages, sorted(identifiers)), (3, names))
        self.assertEqual(self.pulumi.sent[-3][1], '{"MaxResults":2,"TypeName":"AWS::S3::Bucket"}')


if __name__ == "__main__":
    unittest.main()
