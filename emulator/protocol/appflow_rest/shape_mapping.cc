#include "protocol/appflow_rest/shape_mapping.h"

#include <array>
#include <cctype>
#include <set>
#include <utility>

namespace ccemu::protocol::appflow_rest {
namespace {

using nlohmann::json;

struct Rename {
  std::string_view model;
  std::string_view api;
};
constexpr std::array<Rename, 2> kRenames = {{
    {"KMSArn", "kmsArn"},
    {"ConnectorOAuthRequest", "oAuthRequest"},
}};
// Members whose schema name is already lowerCamel, by enclosing property.
const std::set<std::pair<std::string, std::string>> kLowerInModel = {
    {"Salesforce", "isSandboxEnvironment"},
    {"Salesforce", "usePrivateLinkForMetadataAndAuthorization"},
};
// API members that the OAuth2 credential blocks name plainly ("OAuthRequest"), where the
// connectors' own blocks use a rename ("ConnectorOAuthRequest").
const std::set<std::pair<std::string, std::string>> kNotRenamedInModel = {
    {"Oauth2", "oAuthRequest"},
    {"OAuth2Credentials", "oAuthRequest"},
};
// Properties whose children are connector names, and properties whose children are data.
const std::set<std::string> kConnectorContainers = {"ConnectorProfileProperties",
                                                    "ConnectorProfileCredentials"};
const std::set<std::string> kDataMaps = {"ProfileProperties", "TokenUrlCustomProperties",
                                         "CredentialsMap"};
const std::set<std::pair<std::string, std::string>> kApiOnlyBlocks = {
    {"ConnectorProfileProperties", "Amplitude"},  {"ConnectorProfileProperties", "GoogleAnalytics"},
    {"ConnectorProfileProperties", "Honeycode"},  {"ConnectorProfileProperties", "Singular"},
    {"ConnectorProfileProperties", "Trendmicro"}, {"ConnectorProfileCredentials", "Honeycode"},
};

std::string with_first(std::string name, bool upper) {
  if (!name.empty()) {
    const auto c = static_cast<unsigned char>(name[0]);
    name[0] = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
  }
  return name;
}

json convert(const std::string& name, const json& value, bool towards_api) {
  // `name` is the model's name of the property holding `value`.
  if (kDataMaps.contains(name) || !value.is_object()) return value;
  json out = json::object();
  for (const auto& [key, item] : value.items()) {
    const std::string child_model = towards_api ? key : model_name(name, key);
    const std::string child_out = towards_api ? api_name(name, key) : child_model;
    if (!towards_api && kConnectorContainers.contains(name) && item.is_object() && item.empty() &&
        api_only_connector_block(name, key)) {
      continue;
    }
    out[child_out] = convert(child_model, item, towards_api);
  }
  return out;
}

}  // namespace

std::string api_name(const std::string& parent, const std::string& model_name) {
  if (kConnectorContainers.contains(parent) || kDataMaps.contains(parent)) return model_name;
  for (const Rename& rename : kRenames) {
    if (rename.model == model_name) return std::string(rename.api);
  }
  return with_first(model_name, false);
}

std::string model_name(const std::string& parent, const std::string& api_name) {
  if (kConnectorContainers.contains(parent) || kDataMaps.contains(parent)) return api_name;
  if (kLowerInModel.contains({parent, api_name})) return api_name;
  if (!kNotRenamedInModel.contains({parent, api_name})) {
    for (const Rename& rename : kRenames) {
      if (rename.api == api_name) return std::string(rename.model);
    }
  }
  return with_first(api_name, true);
}

json to_api(const std::string& name, const json& model_value) {
  return convert(name, model_value, true);
}

json to_model(const std::string& name, const json& api_value) {
  return convert(name, api_value, false);
}

bool api_only_connector_block(const std::string& block, const std::string& connector) {
  return kApiOnlyBlocks.contains({block, connector});
}

}  // namespace ccemu::protocol::appflow_rest
