#include "protocol/appflow_rest/wire.h"

#include "common/json_limits.h"
#include "common/text.h"
#include "protocol/appflow_rest/member_rules.h"
#include "protocol/appflow_rest/operations.h"
#include "protocol/appflow_rest/routes.h"
#include "protocol/handler.h"

namespace ccemu::protocol::appflow_rest {
namespace {

using nlohmann::json;

constexpr size_t kMaxMessageLength = 2048;
constexpr std::string_view kTagsPrefix = "/tags/";

// Every value of the query parameter `name`.
std::vector<std::string> query_values(std::string_view query, std::string_view name) {
  std::vector<std::string> values;
  for (size_t from = 0; from <= query.size();) {
    size_t end = query.find('&', from);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(from, end - from);
    const size_t equals = pair.find('=');
    if (percent_decode(pair.substr(0, equals), true) == name && equals != std::string_view::npos)
      values.push_back(percent_decode(pair.substr(equals + 1), true));
    from = end + 1;
  }
  return values;
}

std::string error_name_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInternalFailure:
    case ErrorCode::kServiceInternalError:
      return "InternalServerException";
    case ErrorCode::kConcurrentOperation:
    case ErrorCode::kResourceConflict:
      return "ConflictException";
    case ErrorCode::kServiceLimitExceeded:
      return "ServiceQuotaExceededException";
    default:
      return std::string(error_name(code));
  }
}

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kConflict:
    case ErrorCode::kConcurrentOperation:
    case ErrorCode::kResourceConflict:
      return 409;
    case ErrorCode::kResourceNotFound:
    case ErrorCode::kUnknownOperation:
      return 404;
    case ErrorCode::kServiceQuotaExceeded:
    case ErrorCode::kServiceLimitExceeded:
      return 402;
    case ErrorCode::kInternalFailure:
    case ErrorCode::kInternalServer:
    case ErrorCode::kServiceInternalError:
      return 500;
    case ErrorCode::kInvalidCredentials:
      return 401;
    case ErrorCode::kMissingAuthenticationToken:
    case ErrorCode::kUnrecognizedClient:
    case ErrorCode::kSignatureDoesNotMatch:
    case ErrorCode::kExpiredToken:
    case ErrorCode::kAccessDenied:
      return 403;
    case ErrorCode::kThrottling:
      return 429;
    case ErrorCode::kRequestEntityTooLarge:
      return 413;
    default:
      return 400;
  }
}

class AppFlowRestJson final : public WireProtocol {
 public:
  std::string_view api() const override { return "appflow"; }
  std::string_view signing_name() const override { return "appflow"; }
  std::string_view content_type() const override { return "application/json"; }

  std::string operation_name(const Request& request) const override {
    const Route* route = find_route(request.method, request.path);
    return route == nullptr ? "" : std::string(route->operation);
  }

  DecodedOperation decode(const Request& request) const override {
    const Route* route = find_route(request.method, request.path);
    if (route == nullptr || !served(route->operation)) {
      throw ApiError(ErrorCode::kUnknownOperation,
                     route == nullptr
                         ? "No AppFlow operation at " + request.method + " " + request.path + "."
                         : "Operation " + std::string(route->operation) +
                               " is not supported by ccemu, which serves connector profiles "
                               "and their tags.");
    }
    // A body-less request, "null" (StackQL's unfiltered SELECT) and "{}" all mean no members.
    json input = json::object();
    if (!request.body.empty() && request.body != "null") {
      std::string error;
      auto body = parse_bounded_json(request.body, error);
      if (!body) {
        throw ApiError(ErrorCode::kSerialization, "Request body is not valid JSON: " + error);
      }
      if (!body->is_object() && !body->is_null()) {
        throw ApiError(ErrorCode::kSerialization,
                       std::string("Request body must be a JSON object, found a JSON ") +
                           body->type_name() + ".");
      }
      if (body->is_object()) input = std::move(*body);
    }
    if (route->path == kTagsPrefix) {
      input["resourceArn"] =
          percent_decode(std::string_view(request.path).substr(kTagsPrefix.size()), false);
      if (route->operation == "UntagResource") {
        input["tagKeys"] = query_values(request.query, "tagKeys");
      }
    }
    return {std::string(route->operation), std::move(input)};
  }

  std::string serve(cloudcontrol::CloudControlService& service, const cloudcontrol::Caller& caller,
                    const std::string& operation, const json& input) const override {
    check_members(operation, input);
    return run_operation(service, caller, operation, input);
  }

  void encode_error(ErrorCode code, const std::string& message, Response& response) const override {
    const std::string name = error_name_of(code);
    response.status = status_of(code);
    response.error = name;
    response.headers.emplace_back("x-amzn-ErrorType", name);
    json body = {{"message", truncate_utf8(message, kMaxMessageLength)}};
    response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  NamedResource named_resource(const std::string&, const json& input,
                               const std::string&) const override {
    NamedResource named{"AWS::AppFlow::ConnectorProfile", ""};
    auto it = input.find("connectorProfileName");
    if (it != input.end() && it->is_string()) named.identifier = it->get<std::string>();
    return named;
  }
};

}  // namespace

const WireProtocol& wire() {
  static const AppFlowRestJson kWire;
  return kWire;
}

}  // namespace ccemu::protocol::appflow_rest
