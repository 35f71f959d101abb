"""The hostile-input catalogue (issue 6 item 5): every case is a name, how it is sent, and what must
come back.

Families are plain lists built here, several of them generated from tables: the members of the
eight operations (each sent with every wrong JSON type), and the string properties of the
ConnectorProfile schema, found by walking schema/AWS-AppFlow-ConnectorProfile.json. test_catalogue.py
runs them; after every case it also checks that the server answers health and that the default
account's state equals the snapshot taken before the first case.

Resources the runner creates first, in the default account: "keep" and "keep2" (Salesforce). Cases
that the server legitimately accepts and that would change state (a 256 KiB string in a property
the schema leaves unbounded) set Call.scratch and run in an account of their own.
"""

import copy
import json
import os
import re
from dataclasses import dataclass

TYPE_NAME = "AWS::AppFlow::ConnectorProfile"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_FILE = os.path.join(REPO, "schema", "AWS-AppFlow-ConnectorProfile.json")
SEED_DIR = os.path.join(REPO, "fixtures", "seed")

MiB = 1024 * 1024
BODY_LIMIT = 4 * MiB  # http/server.cc: larger bodies get 413
PROPERTIES_MAX = 262144  # DesiredState / PatchDocument / ResourceModel member maximum (spec §2)
DEPTH = 100000
UPDATE_PATCH = json.dumps([{"op": "replace", "path": "/ConnectionMode", "value": "Private"}])


# ---- how a case is sent ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One Cloud Control call as an SDK sends it, signed for the default account. `body` is a dict
    (JSON-encoded), str or bytes; `scratch` runs it in an account of its own instead."""

    operation: str
    body: object
    scratch: bool = False


@dataclass(frozen=True)
class Raw:
    """A whole HTTP/1.1 request written byte for byte on a new connection: the request line, a Host
    header, `headers` (bytes lines, written as given: nothing is added, not even Content-Length),
    a blank line and `body`."""

    headers: tuple
    body: bytes = b""
    request_line: bytes = b"POST / HTTP/1.1"


@dataclass(frozen=True)
class HalfSent:
    """Bytes the client writes before going silent without closing (Host is inserted after the
    first line when `data` has one)."""

    data: bytes


# ---- what must come back --------------------------------------------------------------------------


@dataclass(frozen=True)
class AwsError:
    """An AWS JSON error: status, `__type` ending in "#<name>", and the message exactly (`message`),
    by `prefix`, by regular expression (`pattern`, whole message), or by substrings (`contains`)."""

    status: int
    name: str
    message: str = None
    prefix: str = None
    pattern: str = None
    contains: tuple = ()


@dataclass(frozen=True)
class StsError:
    """An STS XML error (<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>): status,
    Code, and the Message exactly (`message`) or by prefix."""

    status: int
    code: str
    message: str = None
    prefix: str = None


@dataclass(frozen=True)
class StsAnswer:
    """200 with STS's <{operation}Response> document."""

    operation: str


@dataclass(frozen=True)
class Refused:
    """Refused at the HTTP level, where the decisions file fixes no error name: any 4xx."""


@dataclass(frozen=True)
class LikeGetKeep:
    """Answered exactly as a plain GetResource of "keep" is (status and body)."""


@dataclass(frozen=True)
class Created:
    """A create the schema allows: 200 IN_PROGRESS, then SUCCESS on the first status poll."""


@dataclass(frozen=True)
class FailedLater:
    """200 IN_PROGRESS, then FAILED with `error_code` and a StatusMessage containing `contains`; no
    resource exists afterwards."""

    error_code: str
    contains: tuple = ()


@dataclass(frozen=True)
class ClosedByServer:
    """The server closes the connection within `within` seconds (after its 10 s read timeout); any
    bytes it wrote first are a 4xx response. Other clients are served meanwhile."""

    within: float = 20.0


@dataclass(frozen=True)
class Case:
    name: str  # "<family>.<readable name>", unique in the catalogue
    send: object  # Call, Raw or HalfSent
    expect: object  # AwsError, Refused, LikeGetKeep, Created, FailedLater or ClosedByServer


def serialization(member=None):
    return AwsError(400, "SerializationException", contains=(member,) if member else ())


def validation(*contains, prefix=None, message=None):
    return AwsError(400, "ValidationException", contains=contains, prefix=prefix, message=message)


def model_validation(*contains):
    return AwsError(400, "ValidationException", prefix="Model validation failed", contains=contains)


def member_error(*clauses):
    """The exact message AWS gives for these member-constraint clauses (decisions file)."""
    count = len(clauses)
    head = "1 validation error detected: " if count == 1 else f"{count} validation errors detected: "
    return validation(message=head + "; ".join(clauses))


def not_found(identifier):
    """ResourceNotFoundException with the decisions file's message for the plain `identifier`."""
    return AwsError(404, "ResourceNotFoundException", pattern=(
        re.escape(f"{TYPE_NAME} Handler returned status FAILED: Resource of type '{TYPE_NAME}' with "
                f"identifier '{identifier}' was not found. (HandlerErrorCode: NotFound, RequestToken: ")
        + r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)"))


UNKNOWN_OPERATION = AwsError(400, "UnknownOperationException")
INVALID_SIGNATURE = AwsError(400, "InvalidSignatureException")


# ---- request builders ------------------------------------------------------------------------------


def salesforce_model(name, **extra):
    model = {
        "ConnectorProfileName": name,
        "ConnectorType": "Salesforce",
        "ConnectionMode": "Public",
        "ConnectorProfileConfig": {
            "ConnectorProfileProperties": {"Salesforce": {"InstanceUrl": "https://example.my.salesforce.com"}},
            "ConnectorProfileCredentials": {"Salesforce": {"AccessToken": "secret-access-token"}},
        },
    }
    model.update(extra)
    return model


def create_body(desired_state, **members):
    text = desired_state if isinstance(desired_state, str) else json.dumps(desired_state)
    return dict({"TypeName": TYPE_NAME, "DesiredState": text}, **members)


def get_keep(identifier="keep"):
    return {"TypeName": TYPE_NAME, "Identifier": identifier}


def update_body(identifier="keep", patch=UPDATE_PATCH):
    return {"TypeName": TYPE_NAME, "Identifier": identifier, "PatchDocument": patch}


def post(target, body, *headers, content_length=True, close=True):
    """A Raw POST with X-Amz-Target `target` (None: no such header), `body` bytes, extra header
    lines, a Content-Length unless told otherwise, and "Connection: close" unless `close` is
    false (the connection then stays open for whatever follows on it)."""
    lines = [b"Content-Type: application/x-amz-json-1.0"]
    if target is not None:
        lines.append(b"X-Amz-Target: " + (target if isinstance(target, bytes) else target.encode()))
    lines += [h if isinstance(h, bytes) else h.encode() for h in headers]
    if content_length:
        lines.append(b"Content-Length: %d" % len(body))
    if close:
        lines.append(b"Connection: close")
    return Raw(tuple(lines), body)


GET_KEEP_BYTES = json.dumps(get_keep()).encode()


def get_keep_raw(*headers, target="CloudApiService.GetResource"):
    return post(target, GET_KEEP_BYTES, *headers)


def authorization(credential):
    return ("AWS4-HMAC-SHA256 Credential=" + credential +
            ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def nested_arrays(depth=DEPTH):
    return "[" * depth + "]" * depth


def nested_objects(depth=DEPTH):
    return '{"a":' * depth + "1" + "}" * depth


# ---- families -------------------------------------------------------------------------------------


def json_structure_cases():
    whole = json.dumps(create_body(salesforce_model("truncated")))
    cases = [Case(f"json.truncated_body_at_{cut}_of_{len(whole)}", Call("CreateResource", whole[:cut]),
                  serialization()) for cut in (1, len(whole) // 3, len(whole) // 2, len(whole) - 1)]
    text = json.dumps(salesforce_model("truncated-ds"))
    cases += [Case(f"json.truncated_desired_state_at_{cut}", Call("CreateResource", create_body(text[:cut])),
                   model_validation()) for cut in (1, len(text) // 2, len(text) - 1)]
    cases += [
        Case("json.body_is_an_array", Call("GetResource", "[]"), serialization()),
        Case("json.body_is_null", Call("GetResource", "null"), serialization()),
        Case("json.body_is_a_string", Call("GetResource", '"keep"'), serialization()),
        Case("json.body_is_a_number", Call("GetResource", "42"), serialization()),
        Case("json.body_is_true", Call("GetResource", "true"), serialization()),
        Case("json.body_is_whitespace", Call("GetResource", " \r\n\t"), serialization()),
        Case("json.body_has_trailing_garbage", Call("GetResource", json.dumps(get_keep()) + "x"),
             serialization()),
        Case("json.body_is_two_objects", Call("GetResource", json.dumps(get_keep()) * 2), serialization()),
        Case("json.body_uses_single_quotes", Call("GetResource", "{'TypeName':'" + TYPE_NAME + "'}"),
             serialization()),
        Case("json.body_has_a_trailing_comma", Call("GetResource", json.dumps(get_keep())[:-1] + ",}"),
             serialization()),
        Case("json.body_has_a_comment", Call("GetResource", "/*x*/" + json.dumps(get_keep())), serialization()),
        Case("json.body_has_nan", Call("ListResources", '{"TypeName":"%s","MaxResults":NaN}' % TYPE_NAME),
             serialization()),
        Case("json.empty_body_of_a_create_names_both_required_members", Call("CreateResource", ""),
             member_error("Value null at 'typeName' failed to satisfy constraint: Member must not be null",
                          "Value null at 'desiredState' failed to satisfy constraint: Member must not be null")),
        Case("json.member_names_written_as_unicode_escapes_are_the_same_members",
             Call("GetResource", '{"\\u0054ypeName":"%s","Identifier":"\\u006beep"}' % TYPE_NAME), LikeGetKeep()),
        Case("json.unknown_members_are_ignored",
             Call("GetResource", dict(get_keep(), Bogus={"x": [1, 2]}, typeName="lower")), LikeGetKeep()),
        Case("json.nesting_at_the_limit_in_an_unknown_member_is_ignored",
             Call("GetResource", dict(get_keep(), Bogus=json.loads(nested_arrays(63)))), LikeGetKeep()),
        Case("json.nesting_one_past_the_limit_in_an_unknown_member",
             Call("GetResource", dict(get_keep(), Bogus=json.loads(nested_arrays(64)))), serialization()),
        Case("json.deeply_nested_arrays_as_the_body", Call("CreateResource", nested_arrays()), serialization()),
        Case("json.deeply_nested_objects_as_the_body", Call("CreateResource", nested_objects()), serialization()),
        Case("json.unclosed_deep_nesting_as_the_body", Call("CreateResource", "[" * DEPTH), serialization()),
        Case("json.deeply_nested_arrays_as_a_member",
             Call("CreateResource", '{"TypeName":"%s","DesiredState":%s}' % (TYPE_NAME, nested_arrays())),
             serialization()),
        Case("json.deeply_nested_arrays_as_the_desired_state",
             Call("CreateResource", create_body(nested_arrays(PROPERTIES_MAX // 2))), model_validation()),
        Case("json.deeply_nested_objects_inside_the_desired_state",
             Call("CreateResource", create_body(
                 '{"ConnectorProfileName":"deep","ConnectionMode":"Public","ConnectorType":"Salesforce",'
                 '"ConnectorLabel":%s}' % nested_objects(40000))), model_validation()),
        Case("json.deeply_nested_arrays_as_the_patch_document",
             Call("UpdateResource", update_body(patch=nested_arrays(PROPERTIES_MAX // 2))),
             AwsError(400, "ValidationException")),
        Case("json.deeply_nested_arrays_in_a_json_identifier",
             Call("GetResource", get_keep('{"ConnectorProfileName":%s}' % nested_arrays(400))),
             not_found('{"ConnectorProfileName":%s}' % nested_arrays(400))),
    ]
    return cases


def size_cases():
    prefix = b'{"TypeName":"AWS::AppFlow::ConnectorProfile","DesiredState":"'
    over = prefix + b"a" * (BODY_LIMIT - len(prefix)) + b'"}'
    exact = prefix + b"a" * (BODY_LIMIT - len(prefix) - 2) + b'"}'
    too_large = AwsError(413, "RequestEntityTooLargeException")
    chunk = b"a" * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(BODY_LIMIT // len(chunk) + 2))
    desired_max = "Member must have length less than or equal to 262144"
    long_name = salesforce_model("n" * PROPERTIES_MAX)
    at_limits = salesforce_model("a" * 256)
    at_limits["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Salesforce"].update(
        AccessToken="a" * 4096, RefreshToken="b" * 4096)
    at_limits_text = json.dumps(at_limits, separators=(",", ":"))
    at_limits_text += " " * (PROPERTIES_MAX - len(at_limits_text))
    return [
        Case("size.body_one_byte_over_4_mib", post("CloudApiService.CreateResource", over), too_large),
        Case("size.content_length_over_4_mib_with_no_body_sent",
             post("CloudApiService.CreateResource", b"", f"Content-Length: {BODY_LIMIT + 1}",
                  content_length=False), too_large),
        Case("size.chunked_body_over_4_mib",
             post("CloudApiService.CreateResource", chunks + b"0\r\n\r\n", "Transfer-Encoding: chunked",
                  content_length=False), too_large),
        Case("size.body_of_exactly_4_mib_reaches_the_member_check", Call("CreateResource", exact),
             member_error(f"Value at 'desiredState' failed to satisfy constraint: {desired_max}")),
        Case("size.desired_state_of_256_kib_with_strings_at_their_limits_is_created",
             Call("CreateResource", create_body(at_limits_text), scratch=True), Created()),
        Case("size.desired_state_one_character_over_the_member_limit",
             Call("CreateResource", create_body("x" * (PROPERTIES_MAX + 1))),
             member_error(f"Value at 'desiredState' failed to satisfy constraint: {desired_max}")),
        Case("size.a_256_kib_property_value_overflows_the_desired_state",
             Call("CreateResource", create_body(long_name)),
             member_error(f"Value at 'desiredState' failed to satisfy constraint: {desired_max}")),
        Case("size.patch_document_one_character_over_the_member_limit",
             Call("UpdateResource", update_body(patch=" " * (PROPERTIES_MAX + 1))),
             member_error("Value at 'patchDocument' failed to satisfy constraint: "
                          "Member must have length less than or equal to 262144")),
        Case("size.resource_model_one_character_over_the_member_limit",
             Call("ListResources", {"TypeName": TYPE_NAME, "ResourceModel": " " * (PROPERTIES_MAX + 1)}),
             member_error("Value at 'resourceModel' failed to satisfy constraint: "
                          "Member must have length less than or equal to 262144")),
        Case("size.identifier_of_1025_characters", Call("GetResource", get_keep("k" * 1025)),
             validation("at 'identifier' failed to satisfy constraint: "
                        "Member must have length less than or equal to 1024")),
        Case("size.identifier_of_1024_slashes_is_just_missing", Call("GetResource", get_keep("/" * 1024)),
             not_found("/" * 1024)),
        Case("size.type_name_of_197_characters",
             Call("GetResource", {"TypeName": "A" * 197, "Identifier": "keep"}),
             validation("at 'typeName' failed to satisfy constraint: "
                        "Member must have length less than or equal to 196")),
        Case("size.client_token_of_129_characters",
             Call("CreateResource", create_body(salesforce_model("token-129"), ClientToken="t" * 129)),
             validation("at 'clientToken' failed to satisfy constraint: "
                        "Member must have length less than or equal to 128")),
        # The echoed value fills the 2048-character message, so only its start can be checked.
        Case("size.list_resource_requests_next_token_of_2049_characters",
             Call("ListResourceRequests", {"NextToken": "A" * 2049}),
             validation(prefix="1 validation error detected: Value 'AAAA")),
        Case("size.list_resources_next_token_of_4097_characters",
             Call("ListResources", {"TypeName": TYPE_NAME, "NextToken": "A" * 4097}),
             validation(prefix="1 validation error detected: Value 'AAAA")),
        Case("size.x_amz_target_of_8000_characters", get_keep_raw(target="CloudApiService." + "G" * 8000),
             UNKNOWN_OPERATION),
    ]


INVALID_UTF8 = {
    "byte_ff": b"\xff",
    "overlong_slash": b"\xc0\xaf",
    "overlong_nul": b"\xc0\x80",
    "encoded_surrogate": b"\xed\xa0\x80",
    "truncated_sequence": b"\xe2\x82",
    "lone_continuation": b"\x80",
    "beyond_u10ffff": b"\xf4\x90\x80\x80",
}


def encoding_cases():
    cases = []
    for label, bad in INVALID_UTF8.items():
        cases.append(Case(f"utf8.{label}_in_the_identifier", Call(
            "GetResource", b'{"TypeName":"AWS::AppFlow::ConnectorProfile","Identifier":"keep%s"}' % bad),
            serialization()))
    cases += [
        Case("utf8.invalid_in_the_type_name",
             Call("GetResource", b'{"TypeName":"AWS::AppFlow::Connector\xffProfile","Identifier":"keep"}'),
             serialization()),
        Case("utf8.invalid_in_a_member_name",
             Call("GetResource", b'{"TypeName":"AWS::AppFlow::ConnectorProfile","Identifier":"keep","\xff":1}'),
             serialization()),
        Case("utf8.invalid_inside_the_desired_state", Call(
            "CreateResource", b'{"TypeName":"AWS::AppFlow::ConnectorProfile",'
                              b'"DesiredState":"{\\"ConnectorProfileName\\":\\"u\xc0\xaf\\"}"}'), serialization()),
        Case("utf8.escaped_lone_high_surrogate_in_the_identifier",
             Call("GetResource", '{"TypeName":"%s","Identifier":"\\ud800"}' % TYPE_NAME), serialization()),
        Case("utf8.escaped_lone_low_surrogate_in_the_identifier",
             Call("GetResource", '{"TypeName":"%s","Identifier":"\\udc00x"}' % TYPE_NAME), serialization()),
        Case("utf8.body_in_utf16", Call("GetResource", b"\xff\xfe" + json.dumps(get_keep()).encode("utf-16-le")),
             serialization()),
        Case("utf8.invalid_in_the_x_amz_target_header", get_keep_raw(target=b"CloudApiService.Get\xffResource"),
             UNKNOWN_OPERATION),
        Case("utf8.invalid_in_the_credential_region",
             get_keep_raw(b"Authorization: " + authorization("AKIDEXAMPLE/20261127/us-\xff-1/cloudcontrolapi/"
                                                             "aws4_request").encode("latin-1")),
             AwsError(400, "InvalidSignatureException", prefix="Credential should be scoped to a valid region")),
        Case("utf8.four_byte_characters_in_an_identifier_are_just_missing",
             Call("GetResource", get_keep("keep\U0001f600")), not_found("keep\U0001f600")),
    ]
    return cases


def nul_cases():
    return [
        Case("nul.raw_byte_between_members",
             Call("GetResource", b'{"TypeName":"AWS::AppFlow::ConnectorProfile",\x00"Identifier":"keep"}'),
             serialization()),
        Case("nul.raw_byte_inside_a_member_value",
             Call("GetResource", b'{"TypeName":"AWS::AppFlow::ConnectorProfile","Identifier":"ke\x00ep"}'),
             serialization()),
        Case("nul.raw_byte_after_the_body", Call("GetResource", json.dumps(get_keep()).encode() + b"\x00"),
             serialization()),
        Case("nul.raw_byte_hiding_trailing_garbage",
             Call("GetResource", json.dumps(get_keep()).encode() + b"\x00{garbage"), serialization()),
        Case("nul.escaped_at_the_end_of_an_identifier_is_not_cut_off",
             Call("GetResource", get_keep("keep\x00")), not_found("keep\x00")),
        Case("nul.escaped_in_the_middle_of_an_identifier_on_update",
             Call("UpdateResource", update_body("ke\x00ep")), not_found("ke\x00ep")),
        Case("nul.escaped_in_a_json_identifier",
             Call("GetResource", get_keep('{"ConnectorProfileName":"keep\\u0000"}')), not_found("keep\x00")),
        Case("nul.escaped_in_the_type_name",
             Call("GetResource", {"TypeName": TYPE_NAME + "\x00", "Identifier": "keep"}),
             validation("at 'typeName' failed to satisfy constraint: Member must satisfy regular expression "
                        "pattern: [A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}")),
        Case("nul.escaped_in_a_client_token",
             Call("CreateResource", create_body(salesforce_model("nul-token"), ClientToken="tok\x00en")),
             validation("at 'clientToken' failed to satisfy constraint: Member must satisfy regular "
                        "expression pattern: [-A-Za-z0-9+/=]+")),
        Case("nul.escaped_in_a_request_token",
             Call("GetResourceRequestStatus", {"RequestToken": "\x00"}),
             validation("at 'requestToken' failed to satisfy constraint: Member must satisfy regular "
                        "expression pattern: [-A-Za-z0-9+/=]+")),
        Case("nul.in_the_x_amz_target_header_value", get_keep_raw(target=b"CloudApiService.GetResource\x00"),
             UNKNOWN_OPERATION),
        Case("nul.in_an_unknown_header_value_is_ignored", get_keep_raw(b"X-Bogus: a\x00b"), LikeGetKeep()),
        Case("nul.in_the_credential_region",
             get_keep_raw("Authorization: " + authorization("AKIDEXAMPLE/20261127/us-east-1\x00/cloudcontrolapi/"
                                                            "aws4_request")),
             AwsError(400, "InvalidSignatureException", prefix="Credential should be scoped to a valid region")),
        Case("nul.in_the_desired_state_connection_mode",
             Call("CreateResource", create_body(salesforce_model("nul-mode", ConnectionMode="Public\x00"))),
             model_validation("ConnectionMode")),
        Case("nul.in_the_desired_state_connector_type",
             Call("CreateResource", create_body(salesforce_model("nul-type", ConnectorType="Salesforce\x00"))),
             model_validation("ConnectorType")),
        Case("nul.in_a_desired_state_key",
             Call("CreateResource", create_body(salesforce_model("nul-key", **{"KMSArn\x00": "x"}))),
             model_validation("KMSArn")),
        Case("nul.in_a_nested_desired_state_string_with_a_pattern",
             Call("CreateResource", create_body(dict(salesforce_model("nul-client-number", ConnectorType="SAPOData"),
                                                     ConnectorProfileConfig={"ConnectorProfileProperties": {
                                                         "SAPOData": {"ClientNumber": "1\x002"}}}))),
             model_validation("ClientNumber")),
        Case("nul.raw_after_the_desired_state_text",
             Call("CreateResource", create_body(json.dumps(salesforce_model("nul-tail")) + "\x00{garbage")),
             model_validation()),
        Case("nul.raw_after_a_json_identifier_of_an_existing_one",
             Call("GetResource", get_keep('{"ConnectorProfileName":"keep"}\x00x')),
             not_found('{"ConnectorProfileName":"keep"}\x00x')),
        Case("nul.raw_inside_the_desired_state_text",
             Call("CreateResource", create_body('{"ConnectorProfileName":"a\x00b"}')), model_validation()),
        Case("nul.in_the_desired_state_profile_name_fails_the_service_rule",
             Call("CreateResource", create_body(salesforce_model("nul\x00name")), scratch=True),
             FailedLater("InvalidRequest", ("connectorProfileName",))),
        Case("nul.in_a_patch_path",
             Call("UpdateResource", update_body(patch=json.dumps(
                 [{"op": "replace", "path": "/ConnectionMode\x00", "value": "Private"}]))),
             AwsError(400, "ValidationException")),
    ]


MAX_RESULTS_NUMBERS = [
    # (label, JSON number text, expectation)
    # Beyond a double: the body itself does not parse, so the message cannot name the member.
    ("1e400", "1e400", serialization()),
    ("minus_zero", "-0", validation("at 'maxResults' failed to satisfy constraint: "
                                    "Member must have value greater than or equal to 1")),
    ("1_point_5", "1.5", serialization("MaxResults")),
    ("1e2", "1e2", serialization("MaxResults")),
    ("100_point_0", "100.0", serialization("MaxResults")),
    ("2_pow_64", "18446744073709551616", serialization("MaxResults")),
    ("2_pow_64_minus_1", "18446744073709551615",
     validation("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100")),
    ("2_pow_63", "9223372036854775808",
     validation("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100")),
    ("minus_2_pow_63", "-9223372036854775808",
     validation("at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")),
    ("minus_2_pow_63_minus_1", "-9223372036854775809", serialization("MaxResults")),
    ("101", "101", member_error("Value '101' at 'maxResults' failed to satisfy constraint: "
                                "Member must have value less than or equal to 100")),
    ("0", "0", member_error("Value '0' at 'maxResults' failed to satisfy constraint: "
                            "Member must have value greater than or equal to 1")),
]


def number_cases():
    cases = []
    for operation, base in (("ListResources", '{"TypeName":"%s",' % TYPE_NAME), ("ListResourceRequests", "{")):
        for label, number, expect in MAX_RESULTS_NUMBERS:
            cases.append(Case(f"number.{operation}.max_results_{label}",
                              Call(operation, base + '"MaxResults":' + number + "}"), expect))

    def with_port(number):
        return ('{"ConnectorProfileName":"port","ConnectionMode":"Public","ConnectorType":"SAPOData",'
                '"ConnectorProfileConfig":{"ConnectorProfileProperties":{"SAPOData":{"PortNumber":%s}}}}' % number)

    cases += [
        Case("number.1e400_in_an_unknown_member", Call("GetResource", json.dumps(get_keep())[:-1] + ',"X":1e400}'),
             serialization()),
        Case("number.1e400_in_the_desired_state", Call("CreateResource", create_body(with_port("1e400"))),
             model_validation()),
        Case("number.2_pow_64_as_a_port_number",
             Call("CreateResource", create_body(with_port("18446744073709551616"))), model_validation("PortNumber")),
        Case("number.minus_0_as_a_port_number", Call("CreateResource", create_body(with_port("-0"))),
             model_validation("PortNumber")),
        Case("number.1e400_in_a_json_identifier",
             Call("GetResource", get_keep('{"ConnectorProfileName":1e400}')),
             not_found('{"ConnectorProfileName":1e400}')),
        Case("number.1e400_in_a_patch_value",
             Call("UpdateResource", update_body(patch='[{"op":"replace","path":"/ConnectionMode","value":1e400}]')),
             model_validation()),
        Case("number.1e400_in_a_resource_model_filter",
             Call("ListResources", {"TypeName": TYPE_NAME, "ResourceModel": '{"ConnectorProfileName":1e400}'}),
             model_validation()),
    ]
    return cases


# One row per request member of the eight operations (spec §2): (operation, member, kind, required).
# Nested members of ResourceRequestStatusFilter are dotted. protocol/member_rules has the same table,
# and its unit test compares that with botocore's model.
MEMBERS = [
    ("CancelResourceRequest", "RequestToken", "string", True),
    ("CreateResource", "TypeName", "string", True),
    ("CreateResource", "TypeVersionId", "string", False),
    ("CreateResource", "RoleArn", "string", False),
    ("CreateResource", "ClientToken", "string", False),
    ("CreateResource", "DesiredState", "string", True),
    ("DeleteResource", "TypeName", "string", True),
    ("DeleteResource", "TypeVersionId", "string", False),
    ("DeleteResource", "RoleArn", "string", False),
    ("DeleteResource", "ClientToken", "string", False),
    ("DeleteResource", "Identifier", "string", True),
    ("GetResource", "TypeName", "string", True),
    ("GetResource", "TypeVersionId", "string", False),
    ("GetResource", "RoleArn", "string", False),
    ("GetResource", "Identifier", "string", True),
    ("GetResourceRequestStatus", "RequestToken", "string", True),
    ("ListResourceRequests", "MaxResults", "integer", False),
    ("ListResourceRequests", "NextToken", "string", False),
    ("ListResourceRequests", "ResourceRequestStatusFilter", "structure", False),
    ("ListResourceRequests", "ResourceRequestStatusFilter.Operations", "list", False),
    ("ListResourceRequests", "ResourceRequestStatusFilter.OperationStatuses", "list", False),
    ("ListResources", "TypeName", "string", True),
    ("ListResources", "TypeVersionId", "string", False),
    ("ListResources", "RoleArn", "string", False),
    ("ListResources", "NextToken", "string", False),
    ("ListResources", "MaxResults", "integer", False),
    ("ListResources", "ResourceModel", "string", False),
    ("UpdateResource", "TypeName", "string", True),
    ("UpdateResource", "TypeVersionId", "string", False),
    ("UpdateResource", "RoleArn", "string", False),
    ("UpdateResource", "ClientToken", "string", False),
    ("UpdateResource", "Identifier", "string", True),
    ("UpdateResource", "PatchDocument", "string", True),
]

# A valid value per member (used inside the wrong types, so that only the type is wrong).
VALID_VALUES = {
    "TypeName": TYPE_NAME, "TypeVersionId": "00000001", "RoleArn": "arn:aws:iam::123456789012:role/r",
    "ClientToken": "token-1", "DesiredState": json.dumps(salesforce_model("wrong-type-created")),
    "Identifier": "keep2", "PatchDocument": UPDATE_PATCH, "NextToken": "AAAA", "MaxResults": 5,
    "ResourceModel": "{}", "ResourceRequestStatusFilter": {"Operations": ["CREATE"]},
    "Operations": ["CREATE"], "OperationStatuses": ["SUCCESS"],
    "RequestToken": "00000000-0000-4000-8000-000000000000",
}

# Bodies that the server would accept (and, for Create, Update and Delete, act on) as they are; each
# case changes one member.
BASE_BODIES = {
    "CancelResourceRequest": {"RequestToken": VALID_VALUES["RequestToken"]},
    "CreateResource": create_body(salesforce_model("wrong-type-created")),
    "DeleteResource": {"TypeName": TYPE_NAME, "Identifier": "keep2"},
    "GetResource": get_keep(),
    "GetResourceRequestStatus": {"RequestToken": VALID_VALUES["RequestToken"]},
    "ListResourceRequests": {},
    "ListResources": {"TypeName": TYPE_NAME},
    "UpdateResource": update_body("keep2"),
}

WRONG_TYPES = {
    "string": lambda v: {"number": 42, "array": [v], "object": {"S": v}, "true": True},
    "integer": lambda v: {"string": str(v), "array": [v], "object": {"N": v}, "true": True},
    "structure": lambda v: {"number": 1, "string": json.dumps(v), "array": [v], "true": True},
    "list": lambda v: {"number": 1, "string": v[0], "object": {"L": v}, "true": True, "list_of_numbers": [1]},
}


def lower_camel(member):
    return ".".join(part[0].lower() + part[1:] for part in member.split("."))


def with_member(body, member, value):
    body = copy.deepcopy(body)
    *parents, last = member.split(".")
    node = body
    for parent in parents:
        node = node.setdefault(parent, {})
    if value is _ABSENT:
        node.pop(last, None)
    else:
        node[last] = value
    return body


_ABSENT = object()


def wrong_type_cases():
    cases = []
    for operation, member, kind, required in MEMBERS:
        leaf = member.split(".")[-1]
        for label, value in WRONG_TYPES[kind](VALID_VALUES[leaf]).items():
            cases.append(Case(f"wrong_type.{operation}.{member}.{label}",
                              Call(operation, with_member(BASE_BODIES[operation], member, value)),
                              serialization(leaf)))
        if required:
            cases.append(Case(f"wrong_type.{operation}.{member}.null", Call(
                operation, with_member(BASE_BODIES[operation], member, None)), member_error(
                f"Value null at '{lower_camel(member)}' failed to satisfy constraint: Member must not be null")))
    return cases


# ---- a 256 KiB string in every string property of the schema ---------------------------------------

MAP_KEY = "k"


def schema_string_properties(schema):
    """Every string-typed property of `schema` as (path, definition): nested objects are walked through
    $ref, patternProperties map values appear as a `MAP_KEY` segment, array items as index 0."""
    definitions = schema.get("definitions", {})

    def resolve(node):
        while "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[1]]
        return node

    found = []

    def walk(node, path):
        node = resolve(node)
        kind = node.get("type")
        if kind == "string":
            found.append((path, node))
        if kind == "object" or "properties" in node:
            for name, child in node.get("properties", {}).items():
                walk(child, path + [name])
            for child in node.get("patternProperties", {}).values():
                walk(child, path + [MAP_KEY])
        if kind == "array":
            walk(node["items"], path + [0])

    walk(schema, [])
    return found


def connector_of(path):
    """The ConnectorType whose seed model a property path belongs in (Salesforce for top-level ones)."""
    if len(path) > 2 and path[0] == "ConnectorProfileConfig":
        return path[2]
    return "Salesforce"


def seed_model(connector, enum):
    """fixtures/seed/<connectortype>.json: a DesiredState the server accepts for that connector."""
    connector_type = next(value for value in enum if value.lower() == connector.lower())
    with open(os.path.join(SEED_DIR, connector_type.lower() + ".json")) as f:
        return json.load(f)


def set_path(model, path, value):
    node = model
    for segment, following in zip(path, path[1:]):
        if isinstance(node, list):
            node = node[segment]
            continue
        if not isinstance(node.get(segment), (dict, list)) or (
                isinstance(following, int) != isinstance(node.get(segment), list)):
            node[segment] = [None] if isinstance(following, int) else {}
        node = node[segment]
    node[path[-1]] = value


def huge_string_cases():
    """The largest string that fits: the DesiredState is exactly PROPERTIES_MAX (256 Ki) characters,
    all but the model's other text in the one property, so the request passes the member limit and
    the schema validator meets the string. Bounded properties (maxLength or enum) must be refused
    with a schema clause naming them; unbounded ones are a valid create."""
    with open(SCHEMA_FILE) as f:
        schema = json.load(f)
    enum = schema["definitions"]["ConnectorType"]["enum"]
    cases = []
    for number, (path, definition) in enumerate(schema_string_properties(schema)):
        model = seed_model(connector_of(path), enum)
        if path != ["ConnectorProfileName"]:
            model["ConnectorProfileName"] = f"huge-{number}"
        set_path(model, path, "")
        room = PROPERTIES_MAX - len(json.dumps(model, separators=(",", ":")))
        set_path(model, path, "a" * room)
        text = json.dumps(model, separators=(",", ":"))
        assert len(text) == PROPERTIES_MAX, (path, len(text))
        shown = "/".join(str(p) for p in path)
        bounded = "maxLength" in definition or "enum" in definition
        named = "/".join(str(p) for p in path[-2:]) if path[-1] in (MAP_KEY, 0) else path[-1]
        cases.append(Case(f"huge_string.{shown}", Call("CreateResource", create_body(text), scratch=not bounded),
                          model_validation(named) if bounded else Created()))
    return cases


# ---- identifiers -----------------------------------------------------------------------------------

IDENTIFIERS_NOT_FOUND = {
    # label: (identifier as sent, plain identifier the error names)
    "slash_inside": ("a/b", "a/b"),
    "leading_slash": ("/keep", "/keep"),
    "trailing_slash": ("keep/", "keep/"),
    "dot_dot": ("..", ".."),
    "dot": (".", "."),
    "dot_dot_slash_prefix": ("../keep", "../keep"),
    "dot_slash_prefix": ("./keep", "./keep"),
    "slash_dot_dot_suffix": ("keep/..", "keep/.."),
    "backslash_dot_dot": ("..\\keep", "..\\keep"),
    "percent_encoded_dot_dot": ("%2e%2e%2fkeep", "%2e%2e%2fkeep"),
    "etc_passwd": ("../../../../etc/passwd", "../../../../etc/passwd"),
    "other_case": ("KEEP", "KEEP"),
    "leading_space": (" keep", " keep"),
    "trailing_space": ("keep ", "keep "),
    "tab": ("keep\t", "keep\t"),
    "control_0x01": ("keep\x01", "keep\x01"),
    "control_0x1f": ("\x1f", "\x1f"),
    "delete_0x7f": ("keep\x7f", "keep\x7f"),
    "escape_sequence": ("\x1b[2Jkeep", "\x1b[2Jkeep"),
    "right_to_left_override": ("\u202epeek", "\u202epeek"),
    "compound_separator": ("keep|keep2", "keep|keep2"),
    "json_form_of_a_missing_one": ('{"ConnectorProfileName":"x"}', "x"),
    "json_form_with_a_slash": ('{"ConnectorProfileName":"../keep"}', "../keep"),
    "lone_open_brace": ("{", "{"),
    "empty_json_array": ("[]", "[]"),
    "json_array_of_the_name": ('["keep"]', '["keep"]'),
    "json_string_of_the_name": ('"keep"', '"keep"'),
    "json_null": ("null", "null"),
    "unparseable_json_object": ('{"ConnectorProfileName":"keep"', '{"ConnectorProfileName":"keep"'),
}

IDENTIFIERS_INVALID = {
    # JSON objects that name other properties or non-string values: InvalidRequestException.
    "json_with_an_unknown_key": '{"Bogus":1}',
    "empty_json_object": "{}",
    "json_with_an_extra_key": '{"ConnectorProfileName":"keep","Extra":1}',
    "json_with_a_null_name": '{"ConnectorProfileName":null}',
    "json_with_an_array_name": '{"ConnectorProfileName":["keep"]}',
    "json_with_an_object_name": '{"ConnectorProfileName":{"ConnectorProfileName":"keep"}}',
}

IDENTIFIERS_OFF_PATTERN = {
    # Java's "." matches no line terminator, so pattern .+ refuses these (spec §2).
    "newline": "keep\n",
    "carriage_return": "keep\r",
    "only_a_newline": "\n",
    "crlf_then_a_header": "keep\r\nX-Injected: 1",
}


def identifier_cases():
    cases = []
    for operation, body in (("GetResource", get_keep), ("UpdateResource", update_body)):
        for label, (given, plain) in IDENTIFIERS_NOT_FOUND.items():
            cases.append(Case(f"identifier.{operation}.{label}", Call(operation, body(given)), not_found(plain)))
        for label, given in IDENTIFIERS_INVALID.items():
            cases.append(Case(f"identifier.{operation}.{label}", Call(operation, body(given)),
                              AwsError(400, "InvalidRequestException")))
        for label, given in IDENTIFIERS_OFF_PATTERN.items():
            cases.append(Case(f"identifier.{operation}.{label}", Call(operation, body(given)), validation(
                "at 'identifier' failed to satisfy constraint: Member must satisfy regular expression pattern: .+")))
        cases.append(Case(f"identifier.{operation}.empty", Call(operation, body("")), validation(
            "at 'identifier' failed to satisfy constraint: Member must have length greater than or equal to 1")))
    return cases


# ---- headers --------------------------------------------------------------------------------------


def header_cases():
    keep = GET_KEEP_BYTES
    two_targets = json.dumps(create_body(salesforce_model("two-targets"))).encode()
    create = json.dumps(create_body(salesforce_model("smuggled"))).encode()
    smuggled = (b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: CloudApiService.CreateResource\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(create), create))
    lists = b'{}' + b" " * 40
    return [
        Case("header.unknown_headers_are_ignored",
             get_keep_raw(*[f"X-Bogus-{i}: {i}" for i in range(20)]), LikeGetKeep()),
        Case("header.unknown_amz_headers_are_ignored",
             get_keep_raw("X-Amz-Security-Token: junk", "X-Amz-Content-Sha256: junk", "X-Amzn-Query-Mode: true",
                          "X-Amz-Date: not-a-date", "Amz-Sdk-Request: attempt=99"), LikeGetKeep()),
        Case("header.five_hundred_unknown_headers", get_keep_raw(*[f"X-B{i}: v" for i in range(500)]),
             LikeGetKeep()),
        Case("header.names_in_odd_case", post(None, keep, "x-AMZ-tArGeT: CloudApiService.GetResource",
                                             "aUtHoRiZaTiOn: " + authorization(
                                                 "AKIDEXAMPLE/20261127/us-east-1/cloudcontrolapi/aws4_request")),
             LikeGetKeep()),
        Case("header.names_in_upper_case", post(None, keep, "X-AMZ-TARGET: CloudApiService.GetResource"),
             LikeGetKeep()),
        Case("header.authorization_name_in_odd_case_is_read",
             post(None, keep, "x-amz-TARGET: CloudApiService.GetResource", "AUTHORIZATION: " + authorization(
                 "AKIDEXAMPLE/20261127/nowhere/cloudcontrolapi/aws4_request")),
             AwsError(400, "InvalidSignatureException",
                      message="Credential should be scoped to a valid region, not 'nowhere'.")),
        Case("header.content_type_text_plain", post("CloudApiService.GetResource", keep, "Content-Type: text/plain"),
             LikeGetKeep()),
        Case("header.query_string_is_ignored",
             Raw(get_keep_raw().headers, keep, request_line=b"POST /?Action=Delete&x=%00 HTTP/1.1"), LikeGetKeep()),
        Case("header.two_x_amz_targets_get_then_create",
             post("CloudApiService.GetResource", two_targets, "X-Amz-Target: CloudApiService.CreateResource"),
             UNKNOWN_OPERATION),
        Case("header.two_x_amz_targets_create_then_get",
             post("CloudApiService.CreateResource", two_targets, "X-Amz-Target: CloudApiService.GetResource"),
             UNKNOWN_OPERATION),
        Case("header.two_x_amz_targets_list_then_delete",
             post("CloudApiService.ListResources", json.dumps({"TypeName": TYPE_NAME, "Identifier": "keep2"}).encode(),
                  "X-Amz-Target: CloudApiService.DeleteResource"), UNKNOWN_OPERATION),
        Case("header.two_equal_content_lengths", post("CloudApiService.GetResource", keep,
                                                      f"Content-Length: {len(keep)}"), LikeGetKeep()),
        Case("header.two_content_lengths_short_first_with_a_smuggled_create",
             post("CloudApiService.ListResourceRequests", b"{}" + smuggled, "Content-Length: 2",
                  f"Content-Length: {len(smuggled) + 2}", content_length=False, close=False), Refused()),
        Case("header.two_content_lengths_long_first",
             post("CloudApiService.ListResourceRequests", lists, f"Content-Length: {len(lists)}", "Content-Length: 2",
                  content_length=False), Refused()),
        Case("header.content_length_not_a_number",
             post("CloudApiService.ListResourceRequests", b"{}", "Content-Length: 2x", content_length=False),
             Refused()),
        Case("header.content_length_negative",
             post("CloudApiService.ListResourceRequests", b"{}", "Content-Length: -2", content_length=False),
             Refused()),
        Case("header.absurdly_long_unknown_header_value", get_keep_raw("X-Bogus: " + "a" * 100000), Refused()),
        Case("header.absurdly_long_header_name", get_keep_raw("X-" + "b" * 100000 + ": 1"), Refused()),
        Case("header.absurdly_long_x_amz_target", get_keep_raw(target="CloudApiService." + "G" * 100000),
             Refused()),
        Case("header.x_amz_target_missing", post(None, keep), UNKNOWN_OPERATION),
        Case("header.no_content_length_and_no_body", post("CloudApiService.GetResource", b"", content_length=False),
             member_error("Value null at 'typeName' failed to satisfy constraint: Member must not be null",
                          "Value null at 'identifier' failed to satisfy constraint: Member must not be null")),
        Case("header.x_amz_target_empty", get_keep_raw(target=""), UNKNOWN_OPERATION),
        Case("header.x_amz_target_without_an_operation", get_keep_raw(target="CloudApiService."),
             UNKNOWN_OPERATION),
        Case("header.x_amz_target_operation_in_lower_case", get_keep_raw(target="CloudApiService.getresource"),
             UNKNOWN_OPERATION),
        Case("header.x_amz_target_prefix_in_lower_case", get_keep_raw(target="cloudapiservice.GetResource"),
             UNKNOWN_OPERATION),
        Case("header.x_amz_target_of_another_service", get_keep_raw(target="DynamoDB_20120810.GetItem"),
             UNKNOWN_OPERATION),
        Case("header.x_amz_target_with_a_suffix", get_keep_raw(target="CloudApiService.GetResource.Extra"),
             UNKNOWN_OPERATION),
        Case("header.x_amz_target_naming_an_object_property", get_keep_raw(target="CloudApiService.__proto__"),
             UNKNOWN_OPERATION),
        Case("header.credential_empty", get_keep_raw("Authorization: " + authorization("")), INVALID_SIGNATURE),
        Case("header.credential_of_three_parts",
             get_keep_raw("Authorization: " + authorization("AKIDEXAMPLE/20261127/us-east-1")), INVALID_SIGNATURE),
        Case("header.credential_of_six_parts", get_keep_raw("Authorization: " + authorization(
            "AKIDEXAMPLE/20261127/us-east-1/cloudcontrolapi/aws4_request/extra")), INVALID_SIGNATURE),
        Case("header.credential_region_dot_dot", get_keep_raw("Authorization: " + authorization(
            "AKIDEXAMPLE/20261127/../cloudcontrolapi/aws4_request")),
             AwsError(400, "InvalidSignatureException",
                      message="Credential should be scoped to a valid region, not '..'.")),
        Case("header.credential_region_upper_case", get_keep_raw("Authorization: " + authorization(
            "AKIDEXAMPLE/20261127/US-EAST-1/cloudcontrolapi/aws4_request")),
             AwsError(400, "InvalidSignatureException",
                      message="Credential should be scoped to a valid region, not 'US-EAST-1'.")),
        Case("header.credential_region_of_5000_characters", get_keep_raw("Authorization: " + authorization(
            "AKIDEXAMPLE/20261127/us-" + "e" * 5000 + "-1/cloudcontrolapi/aws4_request")),
             AwsError(400, "InvalidSignatureException", prefix="Credential should be scoped to a valid region")),
        Case("header.credential_for_another_service", get_keep_raw("Authorization: " + authorization(
            "AKIDEXAMPLE/20261127/us-east-1/s3/aws4_request")), INVALID_SIGNATURE),
        Case("header.credential_region_with_a_json_payload", get_keep_raw("Authorization: " + authorization(
            'AKIDEXAMPLE/20261127/{"a":1}/cloudcontrolapi/aws4_request')), INVALID_SIGNATURE),
        Case("header.two_authorization_headers_with_another_region",
             get_keep_raw(*["Authorization: " + authorization(f"AKIDEXAMPLE/20261127/{region}/cloudcontrolapi/"
                                                             "aws4_request") for region in ("us-east-1", "nowhere")]),
             INVALID_SIGNATURE),
        Case("header.method_get", Raw((b"Connection: close",), request_line=b"GET / HTTP/1.1"), Refused()),
        Case("header.method_put", Raw(get_keep_raw().headers, keep, request_line=b"PUT / HTTP/1.1"), Refused()),
        Case("header.unknown_method", Raw((b"Connection: close",), request_line=b"BREW / HTTP/1.1"), Refused()),
        Case("header.path_with_dot_dot", Raw(get_keep_raw().headers, keep, request_line=b"POST /../ HTTP/1.1"),
             Refused()),
        Case("header.path_to_the_admin_api_with_post_body",
             Raw(get_keep_raw().headers, keep, request_line=b"POST /_ccemu/health HTTP/1.1"), Refused()),
    ]


# ---- patch documents and desired states ----------------------------------------------------------


def document_cases():
    def patch(*ops):
        return Call("UpdateResource", update_body(patch=json.dumps(list(ops))))

    replace = {"op": "replace", "path": "/ConnectionMode", "value": "Private"}
    return [
        Case("document.desired_state_json_null", Call("CreateResource", create_body("null")), model_validation()),
        Case("document.desired_state_json_array", Call("CreateResource", create_body("[]")), model_validation()),
        Case("document.desired_state_json_number", Call("CreateResource", create_body("42")), model_validation()),
        Case("document.desired_state_json_string", Call("CreateResource", create_body('"keep"')),
             model_validation()),
        Case("document.desired_state_empty", Call("CreateResource", create_body("")),
             validation("at 'desiredState' failed to satisfy constraint: "
                        "Member must have length greater than or equal to 1")),
        Case("document.desired_state_names_only_a_missing_profile",
             Call("CreateResource", create_body('{"ConnectorProfileName":"x"}')),
             model_validation("ConnectionMode", "ConnectorType")),
        Case("document.desired_state_with_an_unknown_deep_key", Call("CreateResource", create_body(
            salesforce_model("deep-key", ConnectorProfileConfig={"ConnectorProfileProperties": {
                "Salesforce": {"InstanceUrl": "https://x", "Bogus": {"Deeper": 1}}}}))), model_validation("Bogus")),
        Case("document.desired_state_duplicated_key_is_still_validated", Call("CreateResource", create_body(
            '{"ConnectorProfileName":"dup","ConnectorProfileName":"$$$","ConnectionMode":"Public",'
            '"ConnectorType":"Salesforce"}')), model_validation("ConnectorProfileName")),
        Case("document.resource_model_not_json",
             Call("ListResources", {"TypeName": TYPE_NAME, "ResourceModel": '{"ConnectorProfileName":'}),
             model_validation()),
        Case("document.patch_not_json", Call("UpdateResource", update_body(patch="[{")), model_validation()),
        Case("document.patch_is_an_object", Call("UpdateResource", update_body(patch=json.dumps(replace))),
             AwsError(400, "ValidationException")),
        Case("document.patch_of_numbers", Call("UpdateResource", update_body(patch="[1,2]")),
             AwsError(400, "ValidationException")),
        Case("document.patch_with_an_unknown_op", patch({"op": "bogus", "path": "/ConnectionMode"}),
             AwsError(400, "ValidationException")),
        Case("document.patch_without_a_path", patch({"op": "replace", "value": "Private"}),
             AwsError(400, "ValidationException")),
        Case("document.patch_with_a_number_path", patch({"op": "replace", "path": 1, "value": "Private"}),
             AwsError(400, "ValidationException")),
        Case("document.patch_with_a_bad_pointer_escape", patch({"op": "add", "path": "/~2", "value": 1}),
             AwsError(400, "ValidationException")),
        Case("document.patch_path_climbing_out", patch({"op": "replace", "path": "/../../ConnectionMode",
                                                        "value": "Private"}),
             AwsError(400, "ValidationException")),
        Case("document.patch_removing_a_missing_member", patch(replace, {"op": "remove", "path": "/Nope"}),
             AwsError(400, "ValidationException")),
        Case("document.patch_with_a_failing_test_after_a_replace",
             patch(replace, {"op": "test", "path": "/ConnectionMode", "value": "Public"}),
             AwsError(400, "ValidationException")),
        Case("document.patch_of_ten_thousand_tests_then_a_failing_one",
             patch(*([{"op": "test", "path": "/ConnectionMode", "value": "Public"}] * 10000),
                   {"op": "remove", "path": "/Nope"}), AwsError(400, "ValidationException")),
        Case("document.patch_moving_the_name_into_an_unknown_key",
             patch({"op": "move", "from": "/ConnectorProfileName", "path": "/Bogus"}),
             AwsError(400, "NotUpdatableException")),
        Case("document.patch_adding_an_unknown_key", patch({"op": "add", "path": "/Bogus", "value": 1}),
             model_validation("Bogus")),
        Case("document.patch_removing_a_required_key", patch({"op": "remove", "path": "/ConnectionMode"}),
             model_validation("ConnectionMode")),
        Case("document.patch_changing_the_name", patch({"op": "replace", "path": "/ConnectorProfileName",
                                                        "value": "renamed"}),
             AwsError(400, "NotUpdatableException", message="Invalid patch update: createOnlyProperties "
                                                            "[/properties/ConnectorProfileName] cannot be updated")),
        Case("document.patch_changing_the_arn", patch({"op": "replace", "path": "/properties/ConnectorProfileArn",
                                                       "value": "arn:aws:appflow:us-east-1:1:connectorprofile/x"}),
             AwsError(400, "NotUpdatableException", message="Invalid patch update: readOnlyProperties "
                                                            "[/properties/ConnectorProfileArn] cannot be updated")),
    ]


# ---- STS (awsQuery) on the same port ----------------------------------------------------------------


def sts_post(body, *headers, content_type=b"application/x-www-form-urlencoded; charset=utf-8"):
    """A Raw STS request: POST / with a form body and no X-Amz-Target, as botocore sends it."""
    lines = ([b"Content-Type: " + content_type] if content_type else []) + list(headers)
    lines += [b"Content-Length: %d" % len(body), b"Connection: close"]
    return Raw(tuple(lines), body)


def sts_cases():
    version = b"&Version=2011-06-15"
    assume = b"Action=AssumeRole" + version + b"&RoleSessionName=s1&RoleArn="
    chunk = b"a" * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(BODY_LIMIT // len(chunk) + 2))
    role_max = "Member must have length less than or equal to 2048"
    return [
        Case("sts.empty_body", sts_post(b""), StsError(400, "MissingAction", message="Missing Action")),
        Case("sts.json_body_sent_as_a_form", sts_post(b'{"Action":"GetCallerIdentity"}'),
             StsError(400, "MissingAction")),
        Case("sts.unknown_action", sts_post(b"Action=DropEverything" + version),
             StsError(400, "InvalidAction", message="Could not find operation DropEverything for version 2011-06-15")),
        Case("sts.wrong_version", sts_post(b"Action=GetCallerIdentity&Version=2099-01-01"),
             StsError(400, "InvalidAction", message="Could not find operation GetCallerIdentity for version 2099-01-01")),
        Case("sts.missing_version", sts_post(b"Action=GetCallerIdentity"),
             StsError(400, "MissingParameter", message="The request must contain the parameter Version")),
        Case("sts.broken_percent_escape", sts_post(b"Action=GetCallerIdentity" + version + b"&x=%G1"),
             StsError(400, "MalformedQueryString")),
        Case("sts.truncated_percent_escape", sts_post(b"Action=GetCallerIdentity" + version + b"&x=%4"),
             StsError(400, "MalformedQueryString")),
        Case("sts.action_of_invalid_utf8", sts_post(b"Action=%FF%FE" + version),
             StsError(400, "InvalidAction", prefix="Could not find operation \ufffd\ufffd for version")),
        Case("sts.action_with_markup_is_escaped", sts_post(b"Action=%3Cx%3E%26" + version),
             StsError(400, "InvalidAction", message="Could not find operation <x>& for version 2011-06-15")),
        Case("sts.nul_bytes_in_a_role_arn", sts_post(assume + b"arn%00aws%00iam%00%00123456789012%00role"),
             StsError(400, "ValidationError", prefix="1 validation error detected: Value 'arn\ufffdaws")),
        Case("sts.role_arn_of_a_megabyte", sts_post(assume + b"a" * (1024 * 1024)),
             StsError(400, "ValidationError", prefix="1 validation error detected: Value 'aaaa")),
        Case("sts.ten_thousand_unknown_parameters_are_ignored",
             sts_post(b"Action=GetCallerIdentity" + version + b"&p=1" * 10000), StsAnswer("GetCallerIdentity")),
        Case("sts.duration_beyond_int64", sts_post(assume + b"arn:aws:iam::123456789012:role/r&DurationSeconds="
                                                   + b"9" * 40),
             StsError(400, "ValidationError", message="1 validation error detected: Value '" + "9" * 40 +
                      "' at 'durationSeconds' failed to satisfy constraint: Member must be an integer")),
        Case("sts.body_one_byte_over_4_mib", sts_post(b"Action=GetCallerIdentity" + version + b"&p=" +
                                                      b"a" * (BODY_LIMIT - 40)),
             StsError(413, "RequestEntityTooLarge")),
        Case("sts.chunked_body_over_4_mib",
             Raw((b"Content-Type: application/x-www-form-urlencoded", b"Transfer-Encoding: chunked",
                  b"Connection: close"), chunks + b"0\r\n\r\n"), StsError(413, "RequestEntityTooLarge")),
        Case("sts.get_without_version", Raw((b"Connection: close",), b"",
                                            request_line=b"GET /?Action=GetCallerIdentity HTTP/1.1"),
             StsError(400, "MissingParameter")),
        Case("sts.scope_for_sts_with_an_unusable_region",
             sts_post(b"Action=GetCallerIdentity" + version,
                      b"Authorization: " + authorization("AKID/20261127/not a region/sts/aws4_request").encode()),
             StsError(403, "SignatureDoesNotMatch", prefix="Credential should be scoped to a valid region")),
    ]


FAMILIES = {
    "json": json_structure_cases,
    "size": size_cases,
    "utf8": encoding_cases,
    "nul": nul_cases,
    "number": number_cases,
    "wrong_type": wrong_type_cases,
    "huge_string": huge_string_cases,
    "identifier": identifier_cases,
    "header": header_cases,
    "document": document_cases,
    "sts": sts_cases,
}


def half_sent_cases():
    head = (b"POST / HTTP/1.1\r\nX-Amz-Target: CloudApiService.CreateResource\r\n"
            b"Content-Type: application/x-amz-json-1.0\r\n")
    create = json.dumps(create_body(salesforce_model("half-sent"))).encode()  # whole, but one byte short
    return [
        Case("half_sent.headers_only_with_a_content_length", HalfSent(head + b"Content-Length: 100\r\n\r\n"),
             ClosedByServer()),
        Case("half_sent.content_length_larger_than_the_create_sent",
             HalfSent(head + b"Content-Length: %d\r\n\r\n%s" % (len(create) + 1, create)), ClosedByServer()),
        Case("half_sent.header_block_never_finished", HalfSent(head + b"X-Amz-Da"), ClosedByServer()),
        Case("half_sent.request_line_only", HalfSent(b"POST / HTTP/1.1\r\n"), ClosedByServer()),
        Case("half_sent.connection_opened_and_nothing_sent", HalfSent(b""), ClosedByServer()),
        Case("half_sent.chunked_body_without_its_last_chunk",
             HalfSent(head + b"Transfer-Encoding: chunked\r\n\r\n5\r\n{\"Ty"), ClosedByServer()),
    ]


def all_cases():
    """Every named case: {family: [Case, ...]}, the half-sent ones under "half_sent"."""
    cases = {family: build() for family, build in FAMILIES.items()}
    cases["half_sent"] = half_sent_cases()
    return cases
