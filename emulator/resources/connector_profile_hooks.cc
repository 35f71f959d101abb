#include "resources/connector_profile_hooks.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

#include "common/validation_message.h"

namespace ccemu::resources {
namespace {

// AppFlow API patterns, matched against the whole value (reference §5.1); the schema's own
// patterns are unanchored, so "my profile" passes the schema but not the service.
const char kNamePattern[] = R"([\w/!@#+=.-]+)";
const char kLabelPattern[] = R"([a-zA-Z0-9][\w!@#.-]+)";

// Members the AppFlow API requires inside a connector's block although the schema does not
// (reference §3, "API+" column). Paths are below ConnectorProfileConfig.
struct RequiredMember {
  std::vector<std::string> block;  // present-only: the rule applies when this block exists
  std::string member;
};
const std::vector<RequiredMember> kApiRequired = {
    {{"ConnectorProfileProperties", "SAPOData"}, "ApplicationHostUrl"},
    {{"ConnectorProfileProperties", "SAPOData"}, "ApplicationServicePath"},
    {{"ConnectorProfileProperties", "SAPOData"}, "PortNumber"},
    {{"ConnectorProfileProperties", "SAPOData"}, "ClientNumber"},
    {{"ConnectorProfileProperties", "SAPOData", "OAuthProperties"}, "TokenUrl"},
    {{"ConnectorProfileProperties", "SAPOData", "OAuthProperties"}, "AuthCodeUrl"},
    {{"ConnectorProfileProperties", "SAPOData", "OAuthProperties"}, "OAuthScopes"},
    {{"ConnectorProfileCredentials", "SAPOData", "OAuthCredentials"}, "ClientId"},
    {{"ConnectorProfileCredentials", "SAPOData", "OAuthCredentials"}, "ClientSecret"},
    {{"ConnectorProfileProperties", "CustomConnector", "OAuth2Properties"}, "TokenUrl"},
    {{"ConnectorProfileProperties", "CustomConnector", "OAuth2Properties"}, "OAuth2GrantType"},
};

// The API spells members lowerCamel ("connectorProfileConfig"); SAPOData becomes "sapoData".
std::string api_member(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& segment : path) {
    std::string name = segment == "SAPOData" ? "sapoData" : segment;
    if (!name.empty())
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    out += (out.empty() ? "" : ".") + name;
  }
  return out;
}

bool same_connector(const std::string& key, const std::string& connector_type) {
  return std::equal(key.begin(), key.end(), connector_type.begin(), connector_type.end(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

class ConnectorProfileHooks final : public TypeHooks {
 public:
  void generate_read_only(json& model, const HookContext& ctx) const override {
    const std::string name = model.value("ConnectorProfileName", "");
    model["ConnectorProfileArn"] =
        "arn:aws:appflow:" + ctx.region + ":" + ctx.account + ":connectorprofile/" + name;
    // Secrets Manager names the secret AppFlow creates; its ARN ends in a 6-character suffix.
    model["CredentialsArn"] = "arn:aws:secretsmanager:" + ctx.region + ":" + ctx.account +
                              ":secret:appflow!" + ctx.account + "-" + name + "-" +
                              std::to_string(ctx.now_ms) + "-" + ctx.ids.alphanumeric(6);
  }

  std::optional<std::string> check_service_rules(const json& model) const override {
    std::vector<std::string> clauses;
    check_pattern(model, "ConnectorProfileName", kNamePattern, clauses);
    check_pattern(model, "ConnectorLabel", kLabelPattern, clauses);
    const std::string type = model.value("ConnectorType", "");
    if (type == "CustomConnector" && !model.contains("ConnectorLabel")) {
      clauses.push_back(
          constraint_clause(std::nullopt, "connectorLabel",
                            "Member must not be null for connector type CUSTOMCONNECTOR"));
    }
    auto config = model.find("ConnectorProfileConfig");
    if (config == model.end()) {
      clauses.push_back(
          constraint_clause(std::nullopt, "connectorProfileConfig", "Member must not be null"));
    } else {
      for (const RequiredMember& rule : kApiRequired) {
        json::json_pointer block;
        for (const auto& segment : rule.block) block /= segment;
        if (!config->contains(block) || !config->at(block).is_object()) continue;
        if (!config->at(block).contains(rule.member)) {
          std::vector<std::string> path = {"ConnectorProfileConfig"};
          path.insert(path.end(), rule.block.begin(), rule.block.end());
          path.push_back(rule.member);
          clauses.push_back(
              constraint_clause(std::nullopt, api_member(path), "Member must not be null"));
        }
      }
    }
    if (!clauses.empty()) return "Invalid request provided: " + validation_errors_message(clauses);
    if (config != model.end()) return check_single_connector(*config, type);
    return std::nullopt;
  }

 private:
  static void check_pattern(const json& model, const char* property, const char* pattern,
                            std::vector<std::string>& clauses) {
    auto value = model.find(property);
    if (value == model.end() || !value->is_string()) return;
    static thread_local std::map<const char*, std::regex> compiled;
    auto it = compiled.try_emplace(pattern, pattern).first;
    const std::string& text = value->get_ref<const std::string&>();
    if (!std::regex_match(text, it->second)) {
      std::vector<std::string> path = {property};
      clauses.push_back(constraint_clause(
          text, api_member(path),
          std::string("Member must satisfy regular expression pattern: ") + pattern));
    }
  }

  // "Credentials and properties for only one connector" (AppFlow API): every key under the
  // properties and credentials blocks must be the ConnectorType's own.
  static std::optional<std::string> check_single_connector(const json& config,
                                                           const std::string& type) {
    std::vector<std::string> problems;
    for (const char* block : {"ConnectorProfileProperties", "ConnectorProfileCredentials"}) {
      auto section = config.find(block);
      if (section == config.end() || !section->is_object()) continue;
      std::vector<std::string> foreign;
      for (const auto& [key, _] : section->items()) {
        if (!same_connector(key, type)) foreign.push_back(key);
      }
      if (!foreign.empty()) problems.push_back(std::string(block) + " [" + join(foreign) + "]");
    }
    if (problems.empty()) return std::nullopt;
    return "Invalid request provided: ConnectorProfileConfig may hold properties and credentials "
           "for "
           "only one connector, the ConnectorType '" +
           type + "'; remove the keys of other connectors: " + join(problems);
  }
};

}  // namespace

std::shared_ptr<const TypeHooks> make_connector_profile_hooks() {
  return std::make_shared<ConnectorProfileHooks>();
}

}  // namespace ccemu::resources
