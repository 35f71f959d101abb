-- wrk script: one Cloud Control operation per request, as awsJson1_0 POSTs, the native AppFlow
-- API's DescribeConnectorProfiles, as a restJson1 POST, or STS's GetCallerIdentity, as an awsQuery
-- form POST.
-- Environment: CCEMU_OP (GetResource | CreateResource | ListResources | DescribeConnectorProfiles |
-- GetCallerIdentity),
-- CCEMU_RUN (a prefix that keeps created names unique across runs).
local op = os.getenv("CCEMU_OP") or "GetResource"
local run = os.getenv("CCEMU_RUN") or "run"
local type_name = "AWS::AppFlow::ConnectorProfile"
local counter = 0
local thread_id = 0
local threads = 0

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = "CloudApiService." .. op
  if op == "DescribeConnectorProfiles" then
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["X-Amz-Target"] = nil
    wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/appflow/aws4_request, " ..
                                   "SignedHeaders=host, Signature=" .. string.rep("0", 64)
  end
  if op == "GetCallerIdentity" then
    -- What every Terraform, Pulumi and SDK start-up sends first (botocore's awsQuery form).
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    wrk.headers["X-Amz-Target"] = nil
    wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/sts/aws4_request, " ..
                                   "SignedHeaders=host, Signature=" .. string.rep("0", 64)
  end
  if op == "ListTables" then
    -- The peer comparison: DynamoDB's JSON 1.0 ListTables, which moto implements.
    wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.ListTables"
    wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/dynamodb/aws4_request, " ..
                                   "SignedHeaders=host, Signature=" .. string.rep("0", 64)
  end
end

function request()
  local body
  if op == "CreateResource" then
    counter = counter + 1
    local name = run .. "-" .. thread_id .. "-" .. counter
    body = '{"TypeName":"' .. type_name .. '","DesiredState":"{\\"ConnectorProfileName\\":\\"' .. name ..
           '\\",\\"ConnectionMode\\":\\"Public\\",\\"ConnectorType\\":\\"Salesforce\\",' ..
           '\\"ConnectorProfileConfig\\":{\\"ConnectorProfileProperties\\":{\\"Salesforce\\":' ..
           '{\\"InstanceUrl\\":\\"https://example.my.salesforce.com\\"}}}}"}'
  elseif op == "ListTables" then
    body = "{}"
  elseif op == "ListResources" then
    body = '{"TypeName":"' .. type_name .. '","MaxResults":100}'
  elseif op == "GetCallerIdentity" then
    body = "Action=GetCallerIdentity&Version=2011-06-15"
  elseif op == "DescribeConnectorProfiles" then
    return wrk.format(nil, "/describe-connector-profiles", nil, '{"connectorProfileNames":["bench-get"]}')
  else
    body = '{"TypeName":"' .. type_name .. '","Identifier":"bench-get"}'
  end
  return wrk.format(nil, "/", nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("CCEMU_RESULT rps=%.1f p50_us=%d p99_us=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
