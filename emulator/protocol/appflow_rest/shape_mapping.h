// The one table between the two shapes of a connector profile: the CloudFormation model of
// AWS::AppFlow::ConnectorProfile (PascalCase, what the store holds) and the AppFlow API's members
// (camelCase). A name maps by its first letter's case, except:
//   - connector names (the keys of ConnectorProfileProperties / ConnectorProfileCredentials) and
//     the keys of data maps (ProfileProperties, TokenUrlCustomProperties, CredentialsMap) are
//     the same in both shapes;
//   - the renames in kRenames (KMSArn <-> kmsArn, ConnectorOAuthRequest <-> oAuthRequest), except
//     in the OAuth2 credential blocks, whose schema says OAuthRequest;
//   - Salesforce's isSandboxEnvironment and usePrivateLinkForMetadataAndAuthorization, which the
//     schema spells lowerCamel like the API (Pardot's IsSandboxEnvironment does not).
// A unit test walks the schema and botocore's model and checks every member both ways.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ccemu::protocol::appflow_rest {

// `parent` is the enclosing property's name in the shape being converted from ("" at the top).
std::string api_name(const std::string& parent, const std::string& model_name);
std::string model_name(const std::string& parent, const std::string& api_name);

// The API value for the model value `model_text` held by the model property `name`: appends
// what dumping that value converted to the API shape (keys renamed at any depth) writes, made
// from the stored text without parsing it. `model_text` is compact JSON as dump() writes it.
void append_api_text(std::string& out, const std::string& name, std::string_view model_text);
// The model value for the API value `api_value` held by the API member for `name`.
nlohmann::json to_model(const std::string& name, const nlohmann::json& api_value);

// Connectors the API has an (empty) properties or credentials structure for while the schema has
// none: to_model drops such an empty block, so the model stays valid.
bool api_only_connector_block(const std::string& block, const std::string& connector);

}  // namespace ccemu::protocol::appflow_rest
