#include "protocol/cloudcontrol_json/dispatch.h"

#include <map>

#include "protocol/cloudcontrol_json/codec.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

std::string event_body(const cloudcontrol::ProgressEvent& event) {
  return nlohmann::json{{"ProgressEvent", encode(event)}}.dump();
}

}  // namespace

const OperationHandler* find_operation(const std::string& name) {
  using cloudcontrol::Caller;
  using cloudcontrol::CloudControlService;
  static const std::map<std::string, OperationHandler> kOperations = {
      {"CreateResource",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return event_body(s.create_resource(c, decode_create_resource(b)));
       }},
      {"GetResource",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return encode_body(s.get_resource(c, decode_get_resource(b)));
       }},
      {"ListResources",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return encode_body(s.list_resources(c, decode_list_resources(b)));
       }},
      {"UpdateResource",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return event_body(s.update_resource(c, decode_update_resource(b)));
       }},
      {"DeleteResource",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return event_body(s.delete_resource(c, decode_delete_resource(b)));
       }},
      {"GetResourceRequestStatus",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return event_body(
             s.get_resource_request_status(c, b.at("RequestToken").get<std::string>()));
       }},
      {"ListResourceRequests",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return encode(s.list_resource_requests(c, decode_list_resource_requests(b))).dump();
       }},
      {"CancelResourceRequest",
       [](CloudControlService& s, const Caller& c, const json& b) {
         return event_body(s.cancel_resource_request(c, b.at("RequestToken").get<std::string>()));
       }},
  };
  auto it = kOperations.find(name);
  return it == kOperations.end() ? nullptr : &it->second;
}

}  // namespace ccemu::protocol::cloudcontrol_json
