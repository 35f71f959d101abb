#include "protocol/handler.h"

#include <thread>

#include "protocol/cloudcontrol_json/wire.h"
#include "protocol/signature_verifier.h"

namespace ccemu::protocol {
namespace {

std::string header(const Request& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? "" : it->second;
}

}  // namespace

ProtocolHandler::ProtocolHandler(cloudcontrol::CloudControlService& service, IdGenerator& ids,
                                 IdentityDefaults defaults, const Interceptor* interceptor,
                                 faults::FaultPlan* faults, const SignatureVerifier* verifier,
                                 const WireProtocol* wire)
    : service_(service),
      ids_(ids),
      defaults_(std::move(defaults)),
      interceptor_(interceptor),
      faults_(faults),
      verifier_(verifier),
      wire_(wire != nullptr ? *wire : cloudcontrol_json::wire()) {}

Response ProtocolHandler::error_response(ErrorCode code, const std::string& message) const {
  Response response;
  wire_.encode_error(code, message, response);
  response.request_id = ids_.uuid();
  wire_.add_request_id(response);
  response.content_type = std::string(wire_.content_type());
  if (response.error.empty()) response.error = std::string(error_name(code));
  return response;
}

Response ProtocolHandler::handle(const Request& request) const {
  std::string operation;
  try {
    // Authentication comes first at AWS's front end, before the operation is looked at.
    const cloudcontrol::Caller caller =
        verifier_ != nullptr && wire_.requires_signature(request)
            ? verifier_->authenticate(request, wire_.signing_name())
            : caller_from_authorization(header(request, "authorization"), defaults_,
                                        wire_.signing_name());
    operation = wire_.operation_name(request);
    DecodedOperation decoded = wire_.decode(request);
    operation = decoded.operation;
    const DecodedCall call{wire_.api(), operation, caller, decoded.input, request};
    std::optional<Response> faulted = injected_fault(call);
    Response response = faulted ? std::move(*faulted)
                        : interceptor_ == nullptr || !wire_.intercepted()
                            ? serve(call)
                            : interceptor_->handle(call, [&] { return serve(call); });
    if (response.request_id.empty()) response.request_id = ids_.uuid();
    wire_.add_request_id(response);
    if (response.content_type.empty()) response.content_type = std::string(wire_.content_type());
    response.operation = operation;
    response.caller = call.caller;
    // What the access log shows: the resource the request names, else the one its answer names.
    NamedResource named = wire_.named_resource(
        operation, call.body, response.status == 200 ? response.body : std::string());
    response.type_name = std::move(named.type_name);
    response.identifier = std::move(named.identifier);
    return response;
  } catch (const std::exception& e) {
    return failure_response(e, operation);
  }
}

std::optional<Response> ProtocolHandler::injected_fault(const DecodedCall& call) const {
  if (faults_ == nullptr) return std::nullopt;
  const NamedResource named = wire_.named_resource(call.operation, call.body, "");
  faults::FaultPlan::Immediate fault =
      faults_->immediate({call.operation, named.type_name, named.identifier});
  if (fault.latency.count() > 0) std::this_thread::sleep_for(fault.latency);
  if (!fault.error) return std::nullopt;
  return failure_response(*fault.error, call.operation);
}

Response ProtocolHandler::serve(const DecodedCall& call) const {
  try {
    Response response;
    response.request_id = ids_.uuid();
    response.body = wire_.serve(service_, call.caller, call.operation, call.body);
    response.content_type = std::string(wire_.content_type());
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
