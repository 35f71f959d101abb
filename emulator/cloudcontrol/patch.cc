#include "cloudcontrol/patch.h"

#include <cctype>
#include <set>

#include "common/api_error.h"
#include "common/json_limits.h"

namespace ccemu::cloudcontrol {
namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& why) {
  throw ApiError(ErrorCode::kValidation, "Invalid patch document: " + why);
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

// Cloud Control applies patches with zjsonpatch (flipkart-incubator/zjsonpatch,
// InPlaceApplyProcessor), and its failures reach the caller in that library's words: "[REPLACE
// Operation] noSuchPath in source, path provided : //Tags" (aws-cloudformation/
// cloudformation-coverage-roadmap#2236). A failure is thrown as PatchFailure, then as ApiError.
struct PatchFailure {
  std::string message;
};

std::string upper(std::string op) {
  for (char& c : op) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return op;
}

// zjsonpatch splits a path on "/" and prints the pieces after a "/" of its own, so "/Tags" reads
// "//Tags".
std::string shown(const std::string& path) { return "/" + path; }

[[noreturn]] void fail(const std::string& op, const std::string& message) {
  throw PatchFailure{"[" + upper(op) + " Operation] " + message};
}

std::vector<std::string> tokens_of(const std::string& path) {
  std::vector<std::string> tokens;
  if (path.empty()) return tokens;
  size_t start = 1;
  while (true) {
    const size_t end = path.find('/', start);
    std::string token = path.substr(start, end == std::string::npos ? end : end - start);
    for (size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at) {
      if (at + 1 < token.size() && token[at + 1] == '1')
        token.replace(at, 2, "/");
      else if (at + 1 < token.size() && token[at + 1] == '0')
        token.replace(at, 2, "~");
    }
    tokens.push_back(std::move(token));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return tokens;
}

// An array index as zjsonpatch reads one: digits only, within [0, max].
size_t array_index(const std::string& token, size_t max) {
  if (token.empty() || token.size() > 9 ||
      token.find_first_not_of("0123456789") != std::string::npos) {
    if (token.starts_with("-") && token.size() > 1 &&
        token.find_first_not_of("0123456789", 1) == std::string::npos) {
      throw PatchFailure{"index Out of bound, index is negative"};
    }
    throw PatchFailure{"Object operation on array target"};
  }
  const size_t index = std::stoul(token);
  if (index > max) {
    throw PatchFailure{"index Out of bound, index is greater than " + std::to_string(max)};
  }
  return index;
}

// The node `tokens` (all but the last when `parent`) lead to, or nullptr when one is missing. Like
// zjsonpatch, a walk that meets a scalar stops there and returns it.
json* find(json& root, const std::vector<std::string>& tokens, size_t count) {
  json* node = &root;
  for (size_t i = 0; i < count; ++i) {
    if (node->is_object()) {
      auto it = node->find(tokens[i]);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      const std::string& token = tokens[i];
      if (token.empty() || token.size() > 9 ||
          token.find_first_not_of("0123456789") != std::string::npos)
        return nullptr;
      const size_t index = std::stoul(token);
      if (index >= node->size()) return nullptr;
      node = &(*node)[index];
    } else {
      return node;
    }
  }
  return node;
}

json& parent_of(json& root, const std::string& op, const std::string& path,
                const std::vector<std::string>& tokens) {
  json* parent = find(root, tokens, tokens.size() - 1);
  if (parent == nullptr) fail(op, "noSuchPath in source, path provided: " + shown(path));
  return *parent;
}

// The value at `path`, for test, move and copy.
json value_at(json& root, const std::string& op, const std::string& path) {
  const auto tokens = tokens_of(path);
  if (tokens.empty()) return root;
  json& parent = parent_of(root, op, path, tokens);
  if (parent.is_object() && parent.contains(tokens.back())) return parent[tokens.back()];
  if (parent.is_array()) {
    if (tokens.back() == "-" && !parent.empty()) return parent.back();
    return parent[array_index(tokens.back(), parent.empty() ? 0 : parent.size() - 1)];
  }
  fail(op, "noSuchPath in source, path provided : " + shown(path));
}

void add(json& root, const std::string& op, const std::string& path, json value) {
  const auto tokens = tokens_of(path);
  if (tokens.empty()) {
    root = std::move(value);
    return;
  }
  json& parent = parent_of(root, op, path, tokens);
  if (parent.is_object()) {
    parent[tokens.back()] = std::move(value);
  } else if (parent.is_array()) {
    if (tokens.back() == "-") {
      parent.push_back(std::move(value));
    } else {
      const size_t index = array_index(tokens.back(), parent.size());
      parent.insert(parent.begin() + static_cast<std::ptrdiff_t>(index), std::move(value));
    }
  } else {
    fail(op, "parent is not a container in source, path provided : " + shown(path) +
                 " | node : " + parent.dump());
  }
}

void remove(json& root, const std::string& op, const std::string& path) {
  const auto tokens = tokens_of(path);
  if (tokens.empty()) fail(op, "path is empty");
  json& parent = parent_of(root, op, path, tokens);
  if (parent.is_object() && parent.contains(tokens.back())) {
    parent.erase(tokens.back());
  } else if (parent.is_array() && !parent.empty()) {
    parent.erase(parent.begin() +
                 static_cast<std::ptrdiff_t>(array_index(tokens.back(), parent.size() - 1)));
  } else {
    fail(op, "noSuchPath in source, path provided : " + shown(path));
  }
}

void replace(json& root, const std::string& path, json value) {
  const auto tokens = tokens_of(path);
  if (tokens.empty()) {
    root = std::move(value);
    return;
  }
  json& parent = parent_of(root, "replace", path, tokens);
  if (parent.is_object() && parent.contains(tokens.back())) {
    parent[tokens.back()] = std::move(value);
  } else if (parent.is_array() && !parent.empty()) {
    parent[array_index(tokens.back(), parent.size() - 1)] = std::move(value);
  } else {
    fail("replace", "noSuchPath in source, path provided : " + shown(path));
  }
}

void apply_operation(json& result, const json& operation) {
  const std::string op = operation["op"].get<std::string>();
  const std::string path = operation["path"].get<std::string>();
  if (op == "add") {
    add(result, op, path, operation["value"]);
  } else if (op == "remove") {
    remove(result, op, path);
  } else if (op == "replace") {
    replace(result, path, operation["value"]);
  } else if (op == "test") {
    if (value_at(result, op, path) != operation["value"]) fail(op, "value mismatch");
  } else {
    const std::string from = operation["from"].get<std::string>();
    json value = value_at(result, op, from);
    if (op == "move") remove(result, op, from);
    add(result, op, path, std::move(value));
  }
}

// Applies one operation at a time, each to the result of the one before; the first failure ends
// the patch.
json apply_operations(const json& document, const json& patch,
                      const std::vector<json::json_pointer>& write_only) {
  json result = document;
  for (const json& operation : patch) {
    try {
      apply_operation(result, operation);
    } catch (const PatchFailure& failure) {
      std::string message = failure.message;
      const std::string path = operation["path"].get<std::string>();
      const auto* property = write_only_container(path, write_only);
      // ccemu's own addition after AWS's words: reads never return write-only values, so a patch
      // cannot reach inside one the read view lacks.
      if (property && !document.contains(*property)) {
        message += " (" + property->to_string() +
                   " is write-only, which reads never return; set it whole with {\"op\": \"add\", "
                   "\"path\": \"" +
                   property->to_string() + "\", \"value\": ...})";
      }
      throw ApiError(ErrorCode::kValidation, message);
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
    const std::string name = op["op"].get<std::string>();
    if ((name == "add" || name == "replace" || name == "test") && !op.contains("value"))
      refuse(where + " (" + name + ") needs a \"value\"");
    if (name == "move" || name == "copy") {
      if (!op.contains("from") || !op["from"].is_string())
        refuse(where + " (" + name + ") needs a string \"from\"");
      op["from"] = normalized_patch_path(op["from"].get<std::string>());
    }
  }
  return apply_operations(document, *patch, write_only);
}

}  // namespace ccemu::cloudcontrol
