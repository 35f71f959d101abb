// Values for the read-only properties a service generates on create, made from the schema alone
// for types whose hooks do not set them, and minimal valid models for the registry contract test.
#pragma once

#include <cstdint>
#include <functional>
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
  int64_t now_ms = 0;  // the request's time, for `format: date-time`
};

// Follows a subschema's "$ref" within its document (schema::ResourceSchema::resolve).
using SchemaResolver = std::function<const nlohmann::json&(const nlohmann::json&)>;

// A value for property `name` that satisfies `property_schema` and looks like AWS's, for any
// shape: strings ("...Arn" an ARN in the caller's region and account, "...Id" an id in the shape
// the pattern describes (else a UUID), "...Url" a URL, a `format` (date-time at ctx.now_ms, uri,
// email, ipv4, ...), otherwise built from the pattern within the length bounds), numbers within
// their range, booleans, enums and consts, objects with their required members, arrays with
// `minItems` items, and the first branch of oneOf/anyOf/allOf that yields one. `resolve` follows
// $refs (none by default). nullopt when no such value can be made.
std::optional<nlohmann::json> generate_read_only_value(const std::string& name,
                                                       const nlohmann::json& property_schema,
                                                       const GenerationContext& ctx,
                                                       const SchemaResolver& resolve = nullptr);

// A name in the shape AWS gives a resource whose caller left its name out
// ("queue-4n8x1k2p7q3z"; upper case only where the schema refuses lower case), within the
// schema's pattern and length; else any value generate_read_only_value makes.
std::optional<nlohmann::json> generate_name(const std::string& name,
                                            const nlohmann::json& property_schema,
                                            const GenerationContext& ctx,
                                            const SchemaResolver& resolve = nullptr);

// Whether a string `value` meets `schema`'s enum, length and pattern (other values: its enum only).
bool satisfies_schema(const nlohmann::json& value, const nlohmann::json& schema);

}  // namespace ccemu::resources
