#include "cloudcontrol/patch.h"

#include <set>

#include "common/api_error.h"
#include "common/json_limits.h"

namespace ccemu::cloudcontrol {
namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& why) {
  throw ApiError(ErrorCode::kValidation, "Invalid patch document: " + why);
}

// nlohmann prefixes messages with "[json.exception.name.id] "; clients need only the sentence.
std::string sentence(const std::exception& e) {
  std::string text = e.what();
  auto end = text.find("] ");
  return text.starts_with("[json.exception") && end != std::string::npos ? text.substr(end + 2)
                                                                         : text;
}

// The write-only property that `path` reaches strictly inside, if any.
const json::json_pointer* write_only_container(const std::string& path,
                                               const std::vector<json::json_pointer>& write_only) {
  for (const auto& pointer : write_only) {
    const std::string prefix = pointer.to_string() + "/";
    if (path.starts_with(prefix)) return &pointer;
  }
  return nullptr;
}

// Applies one operation at a time, so a failure can name the operation that caused it.
json apply_operations(const json& document, const json& patch,
                      const std::vector<json::json_pointer>& write_only) {
  json result = document;
  for (size_t i = 0; i < patch.size(); ++i) {
    try {
      result = result.patch(json::array({patch[i]}));
    } catch (const json::exception& e) {
      const std::string path = patch[i]["path"].get<std::string>();
      const auto* property = write_only_container(path, write_only);
      if (property && !document.contains(*property)) {
        refuse("operation " + std::to_string(i) + " (" + patch[i]["op"].get<std::string>() + " " +
               path + ") reaches inside write-only property " + property->to_string() +
               ", which reads never return; set it whole with {\"op\": \"add\", \"path\": \"" +
               property->to_string() + "\", \"value\": ...}");
      }
      refuse(sentence(e));
    }
  }
  return result;
}

}  // namespace

std::string normalized_patch_path(std::string path) {
  if (path.empty()) return path;  // RFC 6901: the whole document
  if (!path.starts_with("/")) path.insert(0, "/");
  if (path == "/properties") return "";
  if (path.starts_with("/properties/")) path.erase(0, std::string("/properties").size());
  return path;
}

json apply_patch(const json& document, const std::string& patch_text,
                 const std::vector<json::json_pointer>& write_only) {
  std::string error;
  auto patch = parse_bounded_json(patch_text, error);
  if (!patch) {
    throw ApiError(ErrorCode::kValidation,
                   "Model validation failed (PatchDocument is not valid JSON: " + error + ")");
  }
  if (!patch->is_array())
    refuse("expected a JSON array of operations, found " + std::string(patch->type_name()));
  static const std::set<std::string> kOps = {"add", "remove", "replace", "move", "copy", "test"};
  for (size_t i = 0; i < patch->size(); ++i) {
    json& op = (*patch)[i];
    const std::string where = "operation " + std::to_string(i);
    if (!op.is_object()) refuse(where + " is not a JSON object");
    if (!op.contains("op") || !op["op"].is_string() ||
        !kOps.contains(op["op"].get<std::string>())) {
      refuse(where + " needs \"op\" set to one of add, remove, replace, move, copy, test");
    }
    if (!op.contains("path") || !op["path"].is_string()) refuse(where + " needs a string \"path\"");
    op["path"] = normalized_patch_path(op["path"].get<std::string>());
    if (op.contains("from")) {
      if (!op["from"].is_string()) refuse(where + " has a \"from\" that is not a string");
      op["from"] = normalized_patch_path(op["from"].get<std::string>());
    }
  }
  return apply_operations(document, *patch, write_only);
}

}  // namespace ccemu::cloudcontrol
