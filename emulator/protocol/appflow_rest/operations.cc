#include "protocol/appflow_rest/operations.h"

#include <set>

#include "common/api_error.h"
#include "common/base64.h"
#include "protocol/appflow_rest/schema_errors.h"
#include "protocol/appflow_rest/shape_mapping.h"

namespace ccemu::protocol::appflow_rest {
namespace {

using cloudcontrol::CloudControlService;
using nlohmann::json;
using CurrentResource = CloudControlService::CurrentResource;

constexpr const char* kTypeName = "AWS::AppFlow::ConnectorProfile";
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

json describe(const CurrentResource& stored) {
  const json& model = stored.model;
  json out = json::object();
  for (const char* property : {"ConnectorProfileArn", "ConnectorProfileName", "ConnectorType",
                               "ConnectorLabel", "ConnectionMode", "CredentialsArn"}) {
    if (model.contains(property)) out[api_name("", property)] = model[property];
  }
  // Properties are shown, credentials and the KMS key never.
  const json::json_pointer properties("/ConnectorProfileConfig/ConnectorProfileProperties");
  out["connectorProfileProperties"] = model.contains(properties)
                                          ? to_api("ConnectorProfileProperties", model[properties])
                                          : json::object();
  out["createdAt"] = epoch_seconds(stored.meta.created_ms);
  out["lastUpdatedAt"] = epoch_seconds(stored.meta.updated_ms);
  return out;
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

json describe_all(CloudControlService& service, const cloudcontrol::Caller& caller,
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
  auto selected = [&](const json& model) {
    if (!type.empty() && model.value("ConnectorType", "") != type) return false;
    if (!label.empty() && model.value("ConnectorLabel", "") != label) return false;
    return true;
  };
  bool more = false;
  std::vector<CurrentResource> page;
  if (by_name) {
    // Named profiles are looked up, not searched for; the page is cut from them the same way.
    for (CurrentResource& stored : service.find_now(caller, kTypeName, names)) {
      if (stored.identifier <= after || !selected(stored.model)) continue;
      if (page.size() == static_cast<size_t>(limit)) {
        more = true;
        break;
      }
      page.push_back(std::move(stored));
    }
  } else {
    page = service.select_now(caller, kTypeName, selected, after, static_cast<size_t>(limit), more);
  }
  json details = json::array();
  for (const CurrentResource& stored : page) details.push_back(describe(stored));
  json out = {{"connectorProfileDetails", std::move(details)}};
  if (more) out["nextToken"] = base64_encode(page.back().identifier);
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

json run_operation(CloudControlService& service, const cloudcontrol::Caller& caller,
                   const std::string& operation, const json& input) {
  if (operation == "CreateConnectorProfile") return create(service, caller, input);
  if (operation == "DescribeConnectorProfiles") return describe_all(service, caller, input);
  if (operation == "UpdateConnectorProfile") return update(service, caller, input);
  if (operation == "DeleteConnectorProfile") return remove(service, caller, input);
  if (operation == "TagResource") {
    retag(service, caller, input, input["tags"].get<std::map<std::string, std::string>>(), {});
    return json::object();
  }
  if (operation == "UntagResource") {
    retag(service, caller, input, {}, input["tagKeys"].get<std::vector<std::string>>());
    return json::object();
  }
  if (operation == "ListTagsForResource") {
    return {{"tags", retag(service, caller, input, {}, {})}};
  }
  throw ApiError(ErrorCode::kUnknownOperation, "Operation " + operation + " is not supported.");
}

}  // namespace ccemu::protocol::appflow_rest
