// Resource identifiers: the plain form ("p1", compound "a|b") and the JSON form
// ('{"ConnectorProfileName":"p1"}'), spec §5.5.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "schema/resource_schema.h"

namespace ccemu::cloudcontrol {

// The plain identifier of a model: its primaryIdentifier values joined by "|". Empty when a
// primary identifier property is missing.
std::string identifier_of(const schema::ResourceSchema& schema, const nlohmann::json& model);

// The plain form of a client-supplied identifier in either form. Throws ApiError
// kInvalidRequest when it names other properties or has the wrong number of parts.
std::string canonical_identifier(const schema::ResourceSchema& schema, const std::string& given);

}  // namespace ccemu::cloudcontrol
