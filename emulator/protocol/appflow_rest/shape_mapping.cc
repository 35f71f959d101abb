#include "protocol/appflow_rest/shape_mapping.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>
#include <vector>

#include "common/json_text.h"

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

void append_api_text(std::string& out, const std::string& name, std::string_view model_text) {
  // Data maps keep their keys, and only objects have keys to rename.
  if (kDataMaps.contains(name) || model_text.empty() || model_text.front() != '{') {
    out += model_text;
    return;
  }
  struct Member {
    std::string api_name;
    std::string model_name;
    std::string_view value;
  };
  std::vector<Member> members;
  for (MemberText& member : object_members(model_text)) {
    members.push_back({api_name(name, member.name), std::move(member.name), member.value});
  }
  // Renamed keys sort differently ("KMSArn" before "Salesforce", "kmsArn" after): written in the
  // order a JSON object keeps its keys.
  std::sort(members.begin(), members.end(),
            [](const Member& a, const Member& b) { return a.api_name < b.api_name; });
  out += '{';
  for (size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, members[i].api_name);
    out += ':';
    append_api_text(out, members[i].model_name, members[i].value);
  }
  out += '}';
}

json to_model(const std::string& name, const json& api_value) {
  // `name` is the model's name of the property holding `api_value`.
  if (kDataMaps.contains(name) || !api_value.is_object()) return api_value;
  json out = json::object();
  for (const auto& [key, item] : api_value.items()) {
    const std::string child = model_name(name, key);
    if (kConnectorContainers.contains(name) && item.is_object() && item.empty() &&
        api_only_connector_block(name, key)) {
      continue;
    }
    out[child] = to_model(child, item);
  }
  return out;
}

bool api_only_connector_block(const std::string& block, const std::string& connector) {
  return kApiOnlyBlocks.contains({block, connector});
}

}  // namespace ccemu::protocol::appflow_rest
