#include "protocol/appflow_rest/operations.h"

#include <map>
#include <set>

#include "common/api_error.h"
#include "common/base64.h"
#include "common/json_text.h"
#include "protocol/appflow_rest/schema_errors.h"
#include "protocol/appflow_rest/shape_mapping.h"

namespace ccemu::protocol::appflow_rest {
namespace {

using cloudcontrol::CloudControlService;
using nlohmann::json;
using CurrentResource = CloudControlService::CurrentResource;
using store::StoredResource;

constexpr const char* kTypeName = "AWS::AppFlow::ConnectorProfile";
// The model's top-level properties a description shows as they are, besides its properties.
const std::set<std::string, std::less<>> kShown = {"ConnectorProfileArn", "ConnectorProfileName",
                                                   "ConnectorType",       "ConnectorLabel",
                                                   "ConnectionMode",      "CredentialsArn"};
constexpr int64_t kDefaultPage = 20;

std::string optional_string(const json& input, const char* member) {
  auto it = input.find(member);
  return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// restJson1 timestamps are epoch seconds as a JSON number.
json epoch_seconds(int64_t ms) {
  if (ms % 1000 == 0) return json(static_cast<double>(ms / 1000));
  return json(static_cast<double>(ms) / 1000.0);
}

// The request's clientToken with the request itself as what makes a repeat "the same request".
std::optional<CloudControlService::ClientTokenUse> client_token(const std::string& operation,
                                                                const json& input) {
  auto it = input.find("clientToken");
  if (it == input.end() || !it->is_string()) return std::nullopt;
  json request = input;
  request.erase("clientToken");
  return CloudControlService::ClientTokenUse{it->get<std::string>(),
                                             operation + " " + request.dump()};
}

[[noreturn]] void not_found(const std::string& name) {
  throw ApiError(ErrorCode::kResourceNotFound,
                 "Connector Profile with name " + name + " does not exist.");
}

// A ConnectorProfile's description, written from its stored text (no parse, no dump of the
// model): the members it shows, in the order a JSON object keeps its keys.
void append_description(std::string& out, const StoredResource& stored) {
  std::map<std::string, std::string> members;  // API name -> value text
  std::string_view properties = "{}";
  for (const MemberText& member : object_members(stored.model->text())) {
    if (member.name == "ConnectorProfileConfig") {
      // Properties are shown, credentials and the KMS key never.
      if (auto shown = member_text(member.value, "ConnectorProfileProperties")) properties = *shown;
    } else if (kShown.contains(member.name)) {
      members[api_name("", member.name)] = member.value;
    }
  }
  append_api_text(members["connectorProfileProperties"], "ConnectorProfileProperties", properties);
  members["createdAt"] = json(epoch_seconds(stored.meta.created_ms)).dump();
  members["lastUpdatedAt"] = json(epoch_seconds(stored.meta.updated_ms)).dump();
  out += '{';
  for (const auto& [name, value] : members) {
    if (out.back() != '{') out += ',';
    append_json_string(out, name);
    out += ':';
    out += value;
  }
  out += '}';
}

json create(CloudControlService& service, const cloudcontrol::Caller& caller, const json& input) {
  json model = {{"ConnectorProfileName", input["connectorProfileName"]},
                {"ConnectorType", input["connectorType"]},
                {"ConnectionMode", input["connectionMode"]},
                {"ConnectorProfileConfig",
                 to_model("ConnectorProfileConfig", input["connectorProfileConfig"])}};
  for (const char* member : {"connectorLabel", "kmsArn"}) {
    if (input.contains(member) && !input[member].is_null())
      model[model_name("", member)] = input[member];
  }
  try {
    CurrentResource stored = service.create_now(caller, kTypeName, std::move(model),
                                                client_token("CreateConnectorProfile", input));
    return {{"connectorProfileArn", stored.model.value("ConnectorProfileArn", "")}};
  } catch (const ApiError& error) {
    if (error.code() == ErrorCode::kAlreadyExists) {
      throw ApiError(ErrorCode::kConflict, "Connector Profile with name " +
                                               input["connectorProfileName"].get<std::string>() +
                                               " already exists.");
    }
    throw in_api_terms(error, input);
  }
}

json update(CloudControlService& service, const cloudcontrol::Caller& caller, const json& input) {
  const std::string name = input["connectorProfileName"];
  const json config = to_model("ConnectorProfileConfig", input["connectorProfileConfig"]);
  const std::string mode = input["connectionMode"];
  try {
    const auto change = [&](const json& current) {
      json next = current;
      next["ConnectionMode"] = mode;
      next["ConnectorProfileConfig"] = config;
      return next;
    };
    CurrentResource stored = service.update_now(caller, kTypeName, name, change,
                                                client_token("UpdateConnectorProfile", input));
    return {{"connectorProfileArn", stored.model.value("ConnectorProfileArn", "")}};
  } catch (const ApiError& error) {
    if (error.code() == ErrorCode::kResourceNotFound) not_found(name);
    throw in_api_terms(error, input);
  }
}

json remove(CloudControlService& service, const cloudcontrol::Caller& caller, const json& input) {
  const std::string name = input["connectorProfileName"];
  try {
    service.delete_now(caller, kTypeName, name);
  } catch (const ApiError& error) {
    if (error.code() == ErrorCode::kResourceNotFound) not_found(name);
    throw;
  }
  return json::object();
}

std::string describe_all(CloudControlService& service, const cloudcontrol::Caller& caller,
                         const json& input) {
  std::set<std::string> names;
  const bool by_name =
      input.contains("connectorProfileNames") && input["connectorProfileNames"].is_array();
  if (by_name) {
    for (const json& name : input["connectorProfileNames"]) names.insert(name.get<std::string>());
  }
  const std::string type = optional_string(input, "connectorType");
  const std::string label = optional_string(input, "connectorLabel");
  std::string after;
  if (input.contains("nextToken") && input["nextToken"].is_string()) {
    auto decoded = base64_decode(input["nextToken"].get<std::string>());
    if (!decoded || decoded->empty()) {
      throw ApiError(ErrorCode::kValidation, "Invalid nextToken provided.");
    }
    after = *decoded;
  }
  const int64_t limit = input.contains("maxResults") && input["maxResults"].is_number_integer()
                            ? input["maxResults"].get<int64_t>()
                            : kDefaultPage;
  // Filters compare stored text: a JSON string's text is the same for the same string.
  const std::string type_text = type.empty() ? "" : json(type).dump();
  const std::string label_text = label.empty() ? "" : json(label).dump();
  auto selected = [&](const store::StoredModel& model) {
    if (!type.empty() && member_text(model.text(), "ConnectorType") != type_text) return false;
    if (!label.empty() && member_text(model.text(), "ConnectorLabel") != label_text) return false;
    return true;
  };
  bool more = false;
  std::vector<StoredResource> page;
  if (by_name) {
    // Named profiles are looked up, not searched for; the page is cut from them the same way.
    for (StoredResource& stored : service.find_now(caller, kTypeName, names)) {
      if (stored.identifier <= after || !selected(*stored.model)) continue;
      if (page.size() == static_cast<size_t>(limit)) {
        more = true;
        break;
      }
      page.push_back(std::move(stored));
    }
  } else {
    page = service.select_now(caller, kTypeName, selected, after, static_cast<size_t>(limit), more);
  }
  std::string out = R"({"connectorProfileDetails":[)";
  for (const StoredResource& stored : page) {
    if (out.back() != '[') out += ',';
    append_description(out, stored);
  }
  out += ']';
  if (more) {
    out += R"(,"nextToken":)";
    append_json_string(out, base64_encode(page.back().identifier));
  }
  out += '}';
  return out;
}

// The connector profile an ARN names in the caller's account and region, else 404.
std::string profile_named_by(const cloudcontrol::Caller& caller, const std::string& arn) {
  const std::string prefix =
      "arn:aws:appflow:" + caller.region + ":" + caller.account + ":connectorprofile/";
  if (!arn.starts_with(prefix) || arn.size() == prefix.size()) {
    throw ApiError(ErrorCode::kResourceNotFound, "Resource " + arn + " does not exist.");
  }
  return arn.substr(prefix.size());
}

json retag(CloudControlService& service, const cloudcontrol::Caller& caller, const json& input,
           const std::map<std::string, std::string>& add, const std::vector<std::string>& remove) {
  const std::string arn = input["resourceArn"];
  try {
    return service.retag_now(caller, kTypeName, profile_named_by(caller, arn), add, remove);
  } catch (const ApiError& error) {
    if (error.code() == ErrorCode::kResourceNotFound) {
      throw ApiError(ErrorCode::kResourceNotFound, "Resource " + arn + " does not exist.");
    }
    throw;
  }
}

}  // namespace

std::string run_operation(CloudControlService& service, const cloudcontrol::Caller& caller,
                          const std::string& operation, const json& input) {
  if (operation == "CreateConnectorProfile") return create(service, caller, input).dump();
  if (operation == "DescribeConnectorProfiles") return describe_all(service, caller, input);
  if (operation == "UpdateConnectorProfile") return update(service, caller, input).dump();
  if (operation == "DeleteConnectorProfile") return remove(service, caller, input).dump();
  if (operation == "TagResource") {
    retag(service, caller, input, input["tags"].get<std::map<std::string, std::string>>(), {});
    return "{}";
  }
  if (operation == "UntagResource") {
    retag(service, caller, input, {}, input["tagKeys"].get<std::vector<std::string>>());
    return "{}";
  }
  if (operation == "ListTagsForResource") {
    return json{{"tags", retag(service, caller, input, {}, {})}}.dump();
  }
  throw ApiError(ErrorCode::kUnknownOperation, "Operation " + operation + " is not supported.");
}

}  // namespace ccemu::protocol::appflow_rest
