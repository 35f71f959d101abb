#include "protocol/handler.h"

#include <thread>

#include "common/json_limits.h"
#include "protocol/dispatch.h"
#include "protocol/error_encoding.h"
#include "protocol/member_rules.h"
#include "protocol/signature_verifier.h"

namespace ccemu::protocol {
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

// What the access log shows of a decoded request: its caller, and the TypeName and Identifier it
// names, else those of the ProgressEvent it is answered with (a Create's new identifier, a status
// poll's resource).
void describe_for_log(const DecodedCall& call, Response& response) {
  response.caller = call.caller;
  response.type_name = string_member(call.body, "TypeName");
  response.identifier = string_member(call.body, "Identifier");
  if (response.status != 200 || !response.body.starts_with(R"({"ProgressEvent")")) return;
  auto answer = nlohmann::json::parse(response.body, nullptr, false);
  if (!answer.is_object() || !answer["ProgressEvent"].is_object()) return;
  const nlohmann::json& event = answer["ProgressEvent"];
  if (response.type_name.empty()) response.type_name = string_member(event, "TypeName");
  if (response.identifier.empty()) response.identifier = string_member(event, "Identifier");
}

}  // namespace

ProtocolHandler::ProtocolHandler(cloudcontrol::CloudControlService& service, IdGenerator& ids,
                                 IdentityDefaults defaults, const Interceptor* interceptor,
                                 faults::FaultPlan* faults, const SignatureVerifier* verifier)
    : service_(service),
      ids_(ids),
      defaults_(std::move(defaults)),
      interceptor_(interceptor),
      faults_(faults),
      verifier_(verifier) {}

Response ProtocolHandler::error_response(ErrorCode code, const std::string& message) const {
  Response response;
  response.status = http_status(code);
  response.request_id = ids_.uuid();
  response.body = error_body(code, message);
  response.error = std::string(error_name(code));
  return response;
}

Response ProtocolHandler::handle(const Request& request) const {
  std::string operation;
  try {
    // Authentication comes first at AWS's front end, before the operation is looked at.
    const cloudcontrol::Caller caller =
        verifier_ != nullptr
            ? verifier_->authenticate(request)
            : caller_from_authorization(header(request, "authorization"), defaults_);
    const std::string target = header(request, "x-amz-target");
    if (target.starts_with(kTargetPrefix)) operation = target.substr(kTargetPrefix.size());
    const OperationHandler* run = find_operation(operation);
    if (run == nullptr) {
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
    const DecodedCall call{operation, caller, *body, request};
    std::optional<Response> faulted = injected_fault(call);
    Response response = faulted ? std::move(*faulted)
                        : interceptor_ == nullptr
                            ? serve(call)
                            : interceptor_->handle(call, [&] { return serve(call); });
    if (response.request_id.empty()) response.request_id = ids_.uuid();
    response.operation = operation;
    describe_for_log(call, response);
    return response;
  } catch (const std::exception& e) {
    return failure_response(e, operation);
  }
}

std::optional<Response> ProtocolHandler::injected_fault(const DecodedCall& call) const {
  if (faults_ == nullptr) return std::nullopt;
  const std::string type_name = string_member(call.body, "TypeName");
  const std::string identifier = string_member(call.body, "Identifier");
  faults::FaultPlan::Immediate fault = faults_->immediate({call.operation, type_name, identifier});
  if (fault.latency.count() > 0) std::this_thread::sleep_for(fault.latency);
  if (!fault.error) return std::nullopt;
  return failure_response(*fault.error, call.operation);
}

Response ProtocolHandler::serve(const DecodedCall& call) const {
  try {
    check_members(call.operation, call.body);
    Response response;
    response.request_id = ids_.uuid();
    response.body = (*find_operation(call.operation))(service_, call.caller, call.body);
    response.operation = call.operation;
    return response;
  } catch (const std::exception& e) {
    return failure_response(e, call.operation);
  }
}

Response ProtocolHandler::failure_response(const std::exception& error,
                                           const std::string& operation) const {
  const auto* api_error = dynamic_cast<const ApiError*>(&error);
  Response response = api_error ? error_response(api_error->code(), api_error->message())
                                : error_response(ErrorCode::kInternalFailure,
                                                 std::string("Internal failure: ") + error.what());
  response.operation = operation;
  return response;
}

}  // namespace ccemu::protocol
