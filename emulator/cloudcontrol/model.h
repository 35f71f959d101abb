// Operations on resource models shared by the Cloud Control operations.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schema/resource_schema.h"
#include "store/stored_model.h"

namespace ccemu::cloudcontrol {

using nlohmann::json;

// Parses a DesiredState. Throws ApiError kValidation ("Model validation failed (...)") when it is
// not a JSON object.
json parse_model(const std::string& text);

// Removes null members at any depth: the CloudFormation wrapper drops them before validating.
void strip_nulls(json& model);

// Throws ApiError kValidation with every schema violation when the model fails its schema.
void validate_model(const schema::ResourceSchema& schema, const json& model);

// The model as reads show it: without write-only properties (spec §5.4).
json read_view(const schema::ResourceSchema& schema, const json& model);

// The model as the store keeps it: its text and its read view's, made once per write.
store::ModelRef stored_model(const schema::ResourceSchema& schema, const json& model);

// Pointers among `pointers` whose value differs between the two models (presence included).
std::vector<std::string> changed_properties(const std::vector<json::json_pointer>& pointers,
                                            const json& before, const json& after);

}  // namespace ccemu::cloudcontrol
