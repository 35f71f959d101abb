// Values for the read-only properties a service generates on create, made from the schema alone
// for types whose hooks do not set them (issue 7: "Generated read-only values").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/id_generator.h"

namespace ccemu::resources {

struct GenerationContext {
  const std::string& type_name;  // "AWS::Logs::LogGroup"
  const std::string& account;
  const std::string& region;
  IdGenerator& ids;
};

// A value for top-level property `name` that satisfies `property_schema` (type, enum, pattern,
// length) and looks like AWS's: "...Arn" an ARN in the caller's region and account, "...Id" an id
// in the shape the pattern describes (else a UUID), "...Url" a URL, otherwise one built from the
// pattern. nullopt when no such value can be made.
std::optional<nlohmann::json> generate_read_only_value(const std::string& name,
                                                       const nlohmann::json& property_schema,
                                                       const GenerationContext& ctx);

}  // namespace ccemu::resources
