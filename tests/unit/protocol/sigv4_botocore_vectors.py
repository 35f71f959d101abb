#!/usr/bin/env python3
"""Prints the botocore cross-check vectors hard-coded in sigv4_test.cc (suite SigV4Botocore).

Each request is signed by botocore's own SigV4Auth with the clock pinned to AMZ_DATE, and the
inputs (wire path, wire query, headers before signing, body) are printed beside the headers
botocore added, as C++ initializers. Re-run after a botocore upgrade and compare:

    python3 tests/unit/protocol/sigv4_botocore_vectors.py
"""
import datetime
import json
from urllib.parse import urlsplit

import botocore
import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AMZ_DATE = "20261127T093000Z"
REGION = "eu-west-3"
SERVICE = "cloudcontrolapi"
ENDPOINT = "https://cloudcontrolapi.eu-west-3.amazonaws.com"

# add_auth() reads the clock through this module-level function.
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: datetime.datetime.strptime(
    AMZ_DATE, "%Y%m%dT%H%M%SZ")

KEY = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCWV1LXdlc3QtMyJHMEUCIQD+example/token=="


def target_headers(operation):
    return {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "CloudApiService." + operation,
        "User-Agent": "aws-cli/2.15.0 md/Botocore",  # never signed
    }


VECTORS = [
    # name, credentials, path + query as in the URL, params (botocore encodes them), headers, body
    ("CreateResource", Credentials(*KEY), "/", None, target_headers("CreateResource"),
     json.dumps({"TypeName": "AWS::AppFlow::ConnectorProfile",
                 "DesiredState": "{\"ConnectorProfileName\":\"my profile\"}",
                 "ClientToken": "0d2f6a7e-3c1b-4f7e-9a1d-2b8c5e6f7a90"})),
    ("GetResourceWithSessionToken", Credentials("ASIAIOSFODNN7EXAMPLE", KEY[1], TOKEN), "/", None,
     target_headers("GetResource"),
     json.dumps({"TypeName": "AWS::AppFlow::ConnectorProfile", "Identifier": "my profile"})),
    ("CreateResourceWithQuery", Credentials("111122223333", KEY[1]),
     "/?Action=CreateResource&Version=2021-09-30", None, target_headers("CreateResource"),
     json.dumps({"TypeName": "AWS::Logs::LogGroup", "DesiredState": "{}"})),
    # botocore signs params with %20 but sends them form-encoded ('+'); the verifier must agree.
    ("ListResourcesWithEncodedParams", Credentials(*KEY), "/",
     {"TypeName": "AWS::AppFlow::ConnectorProfile", "Next Token": "a b/c+d"},
     target_headers("ListResources"), json.dumps({"TypeName": "AWS::AppFlow::ConnectorProfile"})),
]


def cpp(text):
    return json.dumps(text)  # a JSON string literal is a valid C++ literal for this ASCII text


for name, creds, path_and_query, params, headers, body in VECTORS:
    request = AWSRequest(method="POST", url=ENDPOINT + path_and_query, params=params,
                         headers=dict(headers), data=body.encode())
    unsigned = list(request.headers.items())
    SigV4Auth(creds, SERVICE, REGION).add_auth(request)
    wire = urlsplit(request.prepare().url)
    print("    {%s," % cpp(name))
    print("     {%s, %s, %s}," % (cpp(creds.access_key), cpp(creds.secret_key), cpp(creds.token or "")))
    print("     %s, %s, %s," % (cpp(wire.path or "/"), cpp(wire.query), cpp(wire.netloc)))
    print("     {%s}," % ", ".join("{%s, %s}" % (cpp(k), cpp(v)) for k, v in unsigned))
    print("     %s," % cpp(body))
    print("     %s}," % cpp(request.headers["Authorization"]))
