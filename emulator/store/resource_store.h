// ResourceStore: every resource model, per (account, region, type), ordered by identifier.
//
// Stored models never change: put() replaces one whole. They are shared, so snapshot() can copy
// the store in the time it takes to copy pointers and serialize it later, outside any lock.
//
// Thread-safety: none of its own. CloudControlService owns the only instance and guards it with its
// mutex (see cloudcontrol/service.h).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ccemu::store {

using nlohmann::json;

struct Scope {
  std::string account;
  std::string region;
  std::string type_name;
  auto operator<=>(const Scope&) const = default;
};

class ResourceStore {
 public:
  // The stored model (write-only values included), or nullptr.
  const json* find(const Scope& scope, const std::string& identifier) const;
  void put(const Scope& scope, const std::string& identifier, json model);
  void erase(const Scope& scope, const std::string& identifier);

  // Up to `limit` (identifier, model) pairs whose identifier sorts after `after` (from the first
  // when `after` is empty), in identifier order.
  std::vector<std::pair<std::string, const json*>> list(const Scope& scope,
                                                        const std::string& after,
                                                        size_t limit) const;
  // True when some identifier sorts after `after` in that scope.
  bool has_after(const Scope& scope, const std::string& after) const;

  void clear();

  struct StoredResource {
    Scope scope;
    std::string identifier;
    std::shared_ptr<const json> model;
  };
  // Every resource, in scope then identifier order.
  std::vector<StoredResource> snapshot() const;

 private:
  std::map<Scope, std::map<std::string, std::shared_ptr<const json>>> resources_;
};

}  // namespace ccemu::store
