#include "protocol/cloudcontrol_json/codec.h"

namespace ccemu::protocol::cloudcontrol_json {
namespace {

std::string text(const json& body, const char* member) {
  auto it = body.find(member);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> optional_text(const json& body, const char* member) {
  auto it = body.find(member);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> optional_integer(const json& body, const char* member) {
  auto it = body.find(member);
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

json description(const cc::ResourceDescription& d) {
  return {{"Identifier", d.identifier}, {"Properties", d.properties}};
}

}  // namespace

cc::CreateResourceInput decode_create_resource(const json& body) {
  return {.type_name = text(body, "TypeName"),
          .type_version_id = optional_text(body, "TypeVersionId"),
          .role_arn = optional_text(body, "RoleArn"),
          .client_token = optional_text(body, "ClientToken"),
          .desired_state = text(body, "DesiredState")};
}

cc::GetResourceInput decode_get_resource(const json& body) {
  return {.type_name = text(body, "TypeName"),
          .type_version_id = optional_text(body, "TypeVersionId"),
          .role_arn = optional_text(body, "RoleArn"),
          .identifier = text(body, "Identifier")};
}

cc::ListResourcesInput decode_list_resources(const json& body) {
  return {.type_name = text(body, "TypeName"),
          .type_version_id = optional_text(body, "TypeVersionId"),
          .role_arn = optional_text(body, "RoleArn"),
          .next_token = optional_text(body, "NextToken"),
          .max_results = optional_integer(body, "MaxResults"),
          .resource_model = optional_text(body, "ResourceModel")};
}

cc::UpdateResourceInput decode_update_resource(const json& body) {
  return {.type_name = text(body, "TypeName"),
          .type_version_id = optional_text(body, "TypeVersionId"),
          .role_arn = optional_text(body, "RoleArn"),
          .client_token = optional_text(body, "ClientToken"),
          .identifier = text(body, "Identifier"),
          .patch_document = text(body, "PatchDocument")};
}

cc::DeleteResourceInput decode_delete_resource(const json& body) {
  return {.type_name = text(body, "TypeName"),
          .type_version_id = optional_text(body, "TypeVersionId"),
          .role_arn = optional_text(body, "RoleArn"),
          .client_token = optional_text(body, "ClientToken"),
          .identifier = text(body, "Identifier")};
}

cc::ListResourceRequestsInput decode_list_resource_requests(const json& body) {
  cc::ListResourceRequestsInput input{.max_results = optional_integer(body, "MaxResults"),
                                      .next_token = optional_text(body, "NextToken")};
  auto filter = body.find("ResourceRequestStatusFilter");
  if (filter != body.end() && filter->is_object()) {
    for (const json& op : filter->value("Operations", json::array())) {
      if (auto parsed = cc::parse_operation(op.get<std::string>()))
        input.operations.push_back(*parsed);
    }
    for (const json& status : filter->value("OperationStatuses", json::array())) {
      if (auto parsed = cc::parse_operation_status(status.get<std::string>())) {
        input.statuses.push_back(*parsed);
      }
    }
  }
  return input;
}

json encode(const cc::ProgressEvent& event) {
  json out = {{"TypeName", event.type_name},
              {"RequestToken", event.request_token},
              {"Operation", cc::to_string(event.operation)},
              {"OperationStatus", cc::to_string(event.status)},
              {"EventTime", static_cast<double>(event.event_time_ms) / 1000.0}};
  if (!event.identifier.empty()) out["Identifier"] = event.identifier;
  if (event.error_code) out["ErrorCode"] = *event.error_code;
  if (event.status_message) out["StatusMessage"] = *event.status_message;
  return out;
}

json encode(const cc::GetResourceOutput& output) {
  return {{"TypeName", output.type_name}, {"ResourceDescription", description(output.description)}};
}

json encode(const cc::ListResourcesOutput& output) {
  json out = {{"TypeName", output.type_name}, {"ResourceDescriptions", json::array()}};
  for (const auto& d : output.descriptions) out["ResourceDescriptions"].push_back(description(d));
  if (output.next_token) out["NextToken"] = *output.next_token;
  return out;
}

json encode(const cc::ListResourceRequestsOutput& output) {
  json out = {{"ResourceRequestStatusSummaries", json::array()}};
  for (const auto& e : output.summaries) out["ResourceRequestStatusSummaries"].push_back(encode(e));
  if (output.next_token) out["NextToken"] = *output.next_token;
  return out;
}

}  // namespace ccemu::protocol::cloudcontrol_json
