#include "protocol/cloudcontrol_json/wire.h"

#include "common/json_limits.h"
#include "protocol/cloudcontrol_json/dispatch.h"
#include "protocol/cloudcontrol_json/error_encoding.h"
#include "protocol/cloudcontrol_json/member_rules.h"
#include "protocol/handler.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

constexpr std::string_view kTargetPrefix = "CloudApiService.";

std::string header(const Request& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? "" : it->second;
}

// The string member `name` of `object`, else "".
std::string string_member(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class CloudControlJson final : public WireProtocol {
 public:
  std::string_view api() const override { return "cloudcontrol"; }
  std::string_view signing_name() const override { return "cloudcontrolapi"; }
  std::string_view content_type() const override { return "application/x-amz-json-1.0"; }

  std::string operation_name(const Request& request) const override {
    const std::string target = header(request, "x-amz-target");
    return target.starts_with(kTargetPrefix) ? target.substr(kTargetPrefix.size()) : "";
  }

  DecodedOperation decode(const Request& request) const override {
    const std::string target = header(request, "x-amz-target");
    const std::string operation = operation_name(request);
    if (find_operation(operation) == nullptr) {
      throw ApiError(ErrorCode::kUnknownOperation,
                     target.empty()
                         ? "Missing X-Amz-Target header: expected CloudApiService.<Operation>."
                         : "Operation '" + target + "' is not supported by CloudApiService.");
    }
    std::string error;
    auto body = request.body.empty() ? std::optional(nlohmann::json::object())
                                     : parse_bounded_json(request.body, error);
    if (!body)
      throw ApiError(ErrorCode::kSerialization, "Request body is not valid JSON: " + error);
    if (!body->is_object()) {
      throw ApiError(ErrorCode::kSerialization,
                     std::string("Request body must be a JSON object, found a JSON ") +
                         body->type_name() + ".");
    }
    return {operation, std::move(*body)};
  }

  std::string serve(cloudcontrol::CloudControlService& service, const cloudcontrol::Caller& caller,
                    const std::string& operation, const nlohmann::json& input) const override {
    check_members(operation, input);
    return (*find_operation(operation))(service, caller, input);
  }

  void encode_error(ErrorCode code, const std::string& message, Response& response) const override {
    response.status = http_status(code);
    response.body = error_body(code, message);
  }

  // A Create's new identifier, a status poll's resource: the ProgressEvent names them.
  NamedResource named_resource(const std::string&, const nlohmann::json& input,
                               const std::string& answer_body) const override {
    NamedResource named{string_member(input, "TypeName"), string_member(input, "Identifier")};
    if (!answer_body.starts_with(R"({"ProgressEvent")")) return named;
    auto answer = nlohmann::json::parse(answer_body, nullptr, false);
    if (!answer.is_object() || !answer["ProgressEvent"].is_object()) return named;
    const nlohmann::json& event = answer["ProgressEvent"];
    if (named.type_name.empty()) named.type_name = string_member(event, "TypeName");
    if (named.identifier.empty()) named.identifier = string_member(event, "Identifier");
    return named;
  }
};

}  // namespace

const WireProtocol& wire() {
  static const CloudControlJson kWire;
  return kWire;
}

}  // namespace ccemu::protocol::cloudcontrol_json
