// PatchDocument application for UpdateResource (spec §5.3).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccemu::cloudcontrol {

// Applies the RFC 6902 patch in `patch_text` to `document` and returns the result; `document` is
// untouched. Paths may lack the leading "/" or carry a "/properties" prefix (spec §5.3 rule 3).
// Throws ApiError kValidation when the text is not a patch or an operation (including a failed
// "test") cannot be applied: the patch is atomic. An operation that fails because it reaches
// inside one of `write_only` (absent from `document`, a read view) is told to set it whole.
nlohmann::json apply_patch(const nlohmann::json& document, const std::string& patch_text,
                           const std::vector<nlohmann::json::json_pointer>& write_only = {});

// A patch path as apply_patch() reads it: a JSON pointer into the model ("/ConnectionMode"), with
// the leading "/" added and a "/properties" prefix dropped.
std::string normalized_patch_path(std::string path);

}  // namespace ccemu::cloudcontrol
