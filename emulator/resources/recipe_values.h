// Fills a new resource's read-only values from its type's ValueRecipe: ARNs in AWS's formats, ids
// in AWS's shapes, values derived from (or mirroring) the model.
//
// A template is a string with ${aws:Partition}, ${aws:Region}, ${aws:Account}, ${aws:Now} (the
// request's time, as DynamoDB stream labels show it), ${PROPERTY} (the model's top-level value;
// generated first when it is a read-only value or a name the caller left out) and
// ${#NAME:ALPHABET:LENGTH} (random characters, drawn once per NAME and resource, so a value
// repeated in two properties is the same), or an object or array of such strings.
#pragma once

#include <nlohmann/json.hpp>

#include "resources/read_only_values.h"
#include "resources/value_recipes.h"
#include "schema/resource_schema.h"

namespace ccemu::resources {

// Sets every recipe value `model` does not hold yet that satisfies its property's schema; a value
// the schema refuses is left for generate_read_only_value.
void apply_recipe(const ValueRecipe& recipe, const schema::ResourceSchema& schema,
                  const GenerationContext& ctx, nlohmann::json& model);

// The AWS partition of `region` ("aws", "aws-cn", "aws-us-gov").
std::string partition_of(const std::string& region);

}  // namespace ccemu::resources
