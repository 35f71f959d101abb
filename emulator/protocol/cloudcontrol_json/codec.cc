#include "protocol/cloudcontrol_json/codec.h"

#include "common/json_text.h"

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

size_t encoded_size(const cc::ResourceDescription& d) {
  return d.identifier.size() + d.model->read_view_literal_size_hint() + 32;
}

void append_description(std::string& out, const cc::ResourceDescription& d) {
  out += R"({"Identifier":)";
  append_json_string(out, d.identifier);
  out += R"(,"Properties":)";
  d.model->append_read_view_literal(out);
  out += '}';
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

json encode(const cc::ListResourceRequestsOutput& output) {
  json out = {{"ResourceRequestStatusSummaries", json::array()}};
  for (const auto& e : output.summaries) out["ResourceRequestStatusSummaries"].push_back(encode(e));
  if (output.next_token) out["NextToken"] = *output.next_token;
  return out;
}

std::string encode_body(const cc::GetResourceOutput& output) {
  std::string out;
  out.reserve(encoded_size(output.description) + output.type_name.size() + 48);
  out += R"({"ResourceDescription":)";
  append_description(out, output.description);
  out += R"(,"TypeName":)";
  append_json_string(out, output.type_name);
  out += '}';
  return out;
}

std::string encode_body(const cc::ListResourcesOutput& output) {
  size_t size = output.type_name.size() + output.next_token.value_or("").size() + 64;
  for (const auto& d : output.descriptions) size += encoded_size(d) + 1;
  std::string out;
  out.reserve(size);
  out += '{';
  if (output.next_token) {
    out += R"("NextToken":)";
    append_json_string(out, *output.next_token);
    out += ',';
  }
  out += R"("ResourceDescriptions":[)";
  for (size_t i = 0; i < output.descriptions.size(); ++i) {
    if (i > 0) out += ',';
    append_description(out, output.descriptions[i]);
  }
  out += R"(],"TypeName":)";
  append_json_string(out, output.type_name);
  out += '}';
  return out;
}

}  // namespace ccemu::protocol::cloudcontrol_json
