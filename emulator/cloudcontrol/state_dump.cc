#include "cloudcontrol/state_dump.h"

#include <regex>
#include <set>

#include "cloudcontrol/identifier.h"
#include "cloudcontrol/model.h"
#include "common/api_error.h"
#include "common/json_text.h"

namespace ccemu::cloudcontrol {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "ccemu-state";
// Version 1: resources only (the admin API's dumps, older snapshot files). Version 2 (snapshot
// files): also meta, the journal generation, requests and client tokens.
constexpr int kVersion = 1;
constexpr int kSnapshotVersion = 2;

[[noreturn]] void refuse(const std::string& where, const std::string& problem) {
  throw ApiError(ErrorCode::kValidation,
                 "Invalid state dump" + (where.empty() ? "" : " at " + where) + ": " + problem);
}

const json& object_member(const json& parent, const char* name, const std::string& where) {
  auto it = parent.find(name);
  if (it == parent.end() || !it->is_object())
    refuse(where, std::string(name) + " must be an object");
  return *it;
}

bool is_account(const std::string& text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string::npos;
}

bool is_region(const std::string& text) {
  static const std::regex kRegion("[a-z]{2}(-[a-z]+)+-[0-9]+");
  // Region names are short; the length check keeps long text away from std::regex.
  return text.size() <= 32 && std::regex_match(text, kRegion);
}

void check_envelope(const json& dump) {
  if (!dump.is_object()) refuse("", "expected a JSON object");
  if (dump.value("format", json()) != kFormat)
    refuse("", "format must be \"" + std::string(kFormat) + "\"");
  const json version = dump.value("version", json());
  if (version != kVersion && version != kSnapshotVersion)
    refuse("", "version must be " + std::to_string(kVersion) + " or " +
                   std::to_string(kSnapshotVersion));
  static const std::set<std::string> kVersion1 = {"format", "version", "resources"};
  static const std::set<std::string> kVersion2 = {
      "format",   "version",       "resources",
      "journal",  "ids_drawn",     "meta",
      "requests", "client_tokens", "appflow_client_tokens"};
  const auto& known = version == kVersion ? kVersion1 : kVersion2;
  for (const auto& [key, value] : dump.items()) {
    if (!known.contains(key)) refuse("", "unknown member '" + key + "'");
  }
}

// Version 2's "meta": [[account, region, type, identifier, created_ms, updated_ms, {tags}], ...].
void load_meta(const json& dump, store::ResourceStore& loaded) {
  auto it = dump.find("meta");
  if (it == dump.end()) return;
  if (!it->is_array()) refuse("meta", "expected an array");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& entry = (*it)[i];
    const std::string where = "meta/" + std::to_string(i);
    if (!entry.is_array() || entry.size() != 7 || !entry[4].is_number_integer() ||
        !entry[5].is_number_integer() || !entry[6].is_object()) {
      refuse(where, "expected [account, region, type, identifier, created_ms, updated_ms, tags]");
    }
    try {
      const store::Scope scope{entry[0].get<std::string>(), entry[1].get<std::string>(),
                               entry[2].get<std::string>()};
      store::ResourceMeta* meta = loaded.meta(scope, entry[3].get<std::string>());
      if (meta == nullptr) refuse(where, "no such resource");
      meta->created_ms = entry[4].get<int64_t>();
      meta->updated_ms = entry[5].get<int64_t>();
      if (!entry[6].empty()) {
        meta->tags = std::make_shared<const std::map<std::string, std::string>>(
            entry[6].get<std::map<std::string, std::string>>());
      }
    } catch (const json::exception& e) {
      refuse(where, e.what());
    }
  }
}

void append_meta(std::string& out,
                 const std::vector<store::ResourceStore::ScopeResources>& scopes) {
  out += R"(,"meta":[)";
  bool first = true;
  for (const auto& [scope, resources] : scopes) {
    for (const auto& resource : resources) {
      out += first ? "[" : ",[";
      first = false;
      for (const std::string* text :
           {&scope.account, &scope.region, &scope.type_name, &resource.identifier}) {
        append_json_string(out, *text);
        out += ',';
      }
      out += std::to_string(resource.meta.created_ms) + ',' +
             std::to_string(resource.meta.updated_ms) + ",{";
      if (resource.meta.tags) {
        bool first_tag = true;
        for (const auto& [key, value] : *resource.meta.tags) {
          if (!first_tag) out += ',';
          first_tag = false;
          append_json_string(out, key);
          out += ':';
          append_json_string(out, value);
        }
      }
      out += "}]";
    }
  }
  out += ']';
}

void check_model(const schema::ResourceSchema& schema, const std::string& identifier,
                 const json& model, const std::string& where) {
  if (!model.is_object()) refuse(where, "a model must be a JSON object");
  for (const auto& pointer : schema.write_only()) {
    if (model.contains(pointer) && model.at(pointer) == kWriteOnlyMarker) {
      refuse(where, "write-only property " + pointer.to_string() + " holds the marker \"" +
                        std::string(kWriteOnlyMarker) +
                        "\" of a masked dump; GET /_ccemu/state cannot restore write-only values");
    }
  }
  try {
    validate_model(schema, model);
  } catch (const ApiError& e) {
    refuse(where, e.what());
  }
  const std::string expected = identifier_of(schema, model);
  if (expected != identifier) {
    refuse(where, "the model's primary identifier is '" + expected + "', not its key");
  }
}

}  // namespace

std::string dump_state(const std::vector<store::ResourceStore::ScopeResources>& scopes,
                       const resources::TypeRegistry& types, WriteOnlyValues values,
                       const std::string* snapshot_members) {
  // Concatenated from the stored text. Scopes arrive in order, so an account or a region is
  // closed when the next scope leaves it.
  size_t size = 64;
  for (const auto& [scope, resources] : scopes) {
    size += scope.account.size() + scope.region.size() + scope.type_name.size() + 16;
    for (const auto& resource : resources)
      size += resource.identifier.size() + resource.model->text().size() + 4;
  }
  const std::string marker = json(kWriteOnlyMarker).dump();
  std::string out;
  out.reserve(size);
  out += R"({"format":")" + std::string(kFormat) + R"(","version":)" +
         std::to_string(snapshot_members ? kSnapshotVersion : kVersion) + R"(,"resources":{)";
  const store::Scope* open = nullptr;  // the previous scope
  for (const auto& [scope, resources] : scopes) {
    const bool same_account = open && open->account == scope.account;
    const bool same_region = same_account && open->region == scope.region;
    if (open) out += same_region ? "}," : same_account ? "}}," : "}}},";
    if (!same_account) {
      append_json_string(out, scope.account);
      out += ":{";
    }
    if (!same_region) {
      append_json_string(out, scope.region);
      out += ":{";
    }
    append_json_string(out, scope.type_name);
    out += ":{";
    const resources::ResourceType* type = types.find(scope.type_name);
    const bool masked = values == WriteOnlyValues::kMasked && type != nullptr;
    for (size_t i = 0; i < resources.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, resources[i].identifier);
      out += ':';
      const std::string_view text = resources[i].model->text();
      if (masked) {
        append_with_values_replaced(out, text, type->schema->write_only(), marker);
      } else {
        out += text;
      }
    }
    open = &scope;
  }
  out += open ? "}}}}" : "}";
  if (snapshot_members) {
    append_meta(out, scopes);
    out += *snapshot_members;
  }
  out += '}';
  return out;
}

store::ResourceStore load_state(const json& dump, const resources::TypeRegistry& types,
                                int64_t loaded_ms, const ModelCompleter& complete) {
  check_envelope(dump);
  store::ResourceStore loaded;
  for (const auto& [account, regions] : object_member(dump, "resources", "").items()) {
    if (!is_account(account)) refuse("", "'" + account + "' is not a 12-digit account id");
    if (!regions.is_object()) refuse(account, "expected an object of regions");
    for (const auto& [region, type_names] : regions.items()) {
      const std::string region_path = account + "/" + region;
      if (!is_region(region)) refuse(account, "'" + region + "' is not a region name");
      if (!type_names.is_object()) refuse(region_path, "expected an object of types");
      for (const auto& [type_name, models] : type_names.items()) {
        const std::string type_path = region_path + "/" + type_name;
        const resources::ResourceType* type = types.find(type_name);
        if (type == nullptr) refuse(type_path, "type '" + type_name + "' is not served");
        if (!models.is_object()) refuse(type_path, "expected an object of identifiers");
        const store::Scope scope{account, region, type_name};
        for (const auto& [identifier, given] : models.items()) {
          json model = given;
          if (complete && model.is_object()) complete(scope, model);
          check_model(*type->schema, identifier, model, type_path + "/" + identifier);
          loaded.put(scope, identifier, stored_model(*type->schema, model), loaded_ms);
        }
      }
    }
  }
  load_meta(dump, loaded);
  return loaded;
}

}  // namespace ccemu::cloudcontrol
