// awsJson1_0 bodies <-> the typed inputs and outputs of cloudcontrol/types.h (spec §3-4).
//
// Decoders assume check_members() has passed, so member types are already right.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cloudcontrol/types.h"

namespace ccemu::protocol::cloudcontrol_json {

using nlohmann::json;
namespace cc = ccemu::cloudcontrol;

cc::CreateResourceInput decode_create_resource(const json& body);
cc::GetResourceInput decode_get_resource(const json& body);
cc::ListResourcesInput decode_list_resources(const json& body);
cc::UpdateResourceInput decode_update_resource(const json& body);
cc::DeleteResourceInput decode_delete_resource(const json& body);
cc::ListResourceRequestsInput decode_list_resource_requests(const json& body);

// A ProgressEvent as the wire carries it: unset members omitted, EventTime in epoch seconds.
json encode(const cc::ProgressEvent& event);
json encode(const cc::ListResourceRequestsOutput& output);

// The read answers' bodies, written around each model's stored read view text (no tree is built):
// byte for byte what dumping the equivalent tree would give, members in dump()'s order.
std::string encode_body(const cc::GetResourceOutput& output);
std::string encode_body(const cc::ListResourcesOutput& output);

}  // namespace ccemu::protocol::cloudcontrol_json
