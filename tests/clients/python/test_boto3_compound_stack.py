"""A realistic multi-type stack through boto3, with no --schema-dir: the KMS key, S3 bucket, IAM role and
Secrets Manager secret an AppFlow connector profile and flow need, created, read, listed, updated and
deleted as a stackql-deploy manifest or Terraform awscc config would, all from the shipped bundle."""

import json
import unittest

from boto3_support import (Boto3TestCase, ClientError, isolate_environment, restore_environment,
                           salesforce_model)


def setUpModule():
    isolate_environment()


def tearDownModule():
    restore_environment()


ASSUME_ROLE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "appflow.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
KEY_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
     "Action": "kms:*", "Resource": "*"}]}


class CompoundStackTest(Boto3TestCase):

    def run_request(self, cc, response):
        token = response["ProgressEvent"]["RequestToken"]
        cc.get_waiter("resource_request_success").wait(RequestToken=token, WaiterConfig={"Delay": 1})
        return cc.get_resource_request_status(RequestToken=token)["ProgressEvent"]

    def create(self, cc, type_name, model):
        event = self.run_request(cc, cc.create_resource(TypeName=type_name, DesiredState=json.dumps(model)))
        self.assertEqual(event["OperationStatus"], "SUCCESS", event)
        return event["Identifier"]

    def read(self, cc, type_name, identifier):
        got = cc.get_resource(TypeName=type_name, Identifier=identifier)
        return json.loads(got["ResourceDescription"]["Properties"])

    def test_stack_lifecycle(self):
        cc = self.client()
        key_id = self.create(cc, "AWS::KMS::Key", {"Description": "appflow data", "KeyPolicy": KEY_POLICY,
                                                   "EnableKeyRotation": True})
        key = self.read(cc, "AWS::KMS::Key", key_id)
        self.assertRegex(key["Arn"], r"^arn:aws:kms:us-east-1:123456789012:")
        bucket = self.create(cc, "AWS::S3::Bucket", {"BucketName": "appflow-landing-zone",
                                                     "VersioningConfiguration": {"Status": "Enabled"}})
        self.assertEqual(bucket, "appflow-landing-zone")
        self.assertIn("Arn", self.read(cc, "AWS::S3::Bucket", bucket))
        role = self.create(cc, "AWS::IAM::Role", {"RoleName": "appflow-role", "AssumeRolePolicyDocument": ASSUME_ROLE})
        role_arn = self.read(cc, "AWS::IAM::Role", role)["Arn"]
        secret = self.create(cc, "AWS::SecretsManager::Secret",
                             {"Name": "appflow/salesforce", "SecretString": "s3cr3t-value", "KmsKeyId": key["Arn"]})
        shown = self.read(cc, "AWS::SecretsManager::Secret", secret)
        self.assertNotIn("SecretString", shown)  # write-only
        profile = self.create(cc, "AWS::AppFlow::ConnectorProfile", salesforce_model("stack-profile", KMSArn=key["Arn"]))
        flow_model = {
            "FlowName": "stack-flow", "KMSArn": key["Arn"],
            "TriggerConfig": {"TriggerType": "OnDemand"},
            "SourceFlowConfig": {"ConnectorType": "Salesforce", "ConnectorProfileName": profile,
                                 "SourceConnectorProperties": {"Salesforce": {"Object": "Account"}}},
            "DestinationFlowConfigList": [{"ConnectorType": "S3", "DestinationConnectorProperties": {
                "S3": {"BucketName": bucket, "BucketPrefix": "accounts"}}}],
            "Tasks": [{"TaskType": "Map_all", "SourceFields": [], "ConnectorOperator": {"Salesforce": "NO_OP"}}],
        }
        flow = self.create(cc, "AWS::AppFlow::Flow", flow_model)
        self.assertRegex(self.read(cc, "AWS::AppFlow::Flow", flow)["FlowArn"], r"^arn:aws:appflow:us-east-1:")

        for type_name, identifier in (("AWS::KMS::Key", key_id), ("AWS::S3::Bucket", bucket),
                                      ("AWS::IAM::Role", role), ("AWS::AppFlow::Flow", flow)):
            listed = [d["Identifier"] for page in cc.get_paginator("list_resources").paginate(TypeName=type_name)
                      for d in page["ResourceDescriptions"]]
            self.assertIn(identifier, listed, type_name)

        patch = [{"op": "add", "path": "/Description", "value": "nightly accounts"}]
        event = self.run_request(cc, cc.update_resource(TypeName="AWS::AppFlow::Flow", Identifier=flow,
                                                        PatchDocument=json.dumps(patch)))
        self.assertEqual(event["OperationStatus"], "SUCCESS", event)
        self.assertEqual(self.read(cc, "AWS::AppFlow::Flow", flow)["Description"], "nightly accounts")
        self.run_request(cc, cc.update_resource(TypeName="AWS::IAM::Role", Identifier=role,
                                                PatchDocument=json.dumps([{"op": "add", "path": "/Description",
                                                                           "value": "for appflow"}])))
        self.assertEqual(self.read(cc, "AWS::IAM::Role", role)["Arn"], role_arn)

        for type_name, identifier in (("AWS::AppFlow::Flow", flow), ("AWS::AppFlow::ConnectorProfile", profile),
                                      ("AWS::SecretsManager::Secret", secret), ("AWS::IAM::Role", role),
                                      ("AWS::S3::Bucket", bucket), ("AWS::KMS::Key", key_id)):
            event = self.run_request(cc, cc.delete_resource(TypeName=type_name, Identifier=identifier))
            self.assertEqual(event["OperationStatus"], "SUCCESS", (type_name, event))
            with self.assertRaises(ClientError) as missing:
                cc.get_resource(TypeName=type_name, Identifier=identifier)
            self.assertEqual(missing.exception.response["Error"]["Code"], "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()
