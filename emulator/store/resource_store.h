// ResourceStore: every resource model, per (account, region, type), ordered by identifier.
//
// Models are kept as text (store/stored_model.h), made once per write; reads hand out the stored
// text as it is. Stored models never change: put() replaces one whole. They are shared, so
// snapshot() copies the store in the time it takes to copy pointers, and the text is assembled
// later, outside any lock.
//
// Thread-safety: none of its own. CloudControlService owns the only instance and guards it with its
// mutex (see cloudcontrol/service.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/stored_model.h"

namespace ccemu::store {

struct Scope {
  std::string account;
  std::string region;
  std::string type_name;
  auto operator<=>(const Scope&) const = default;
};

// One resource of a scope.
struct StoredResource {
  std::string identifier;
  ModelRef model;
};

class ResourceStore {
 public:
  // The stored model, or nullptr.
  ModelRef find(const Scope& scope, const std::string& identifier) const;
  // REQUIRES: model != nullptr.
  void put(const Scope& scope, const std::string& identifier, ModelRef model);
  void erase(const Scope& scope, const std::string& identifier);

  // Up to `limit` resources whose identifier sorts after `after` (from the first when `after` is
  // empty), in identifier order.
  std::vector<StoredResource> list(const Scope& scope, const std::string& after,
                                   size_t limit) const;
  // True when some identifier sorts after `after` in that scope.
  bool has_after(const Scope& scope, const std::string& after) const;

  void clear();

  struct ScopeResources {
    Scope scope;
    std::vector<StoredResource> resources;  // in identifier order
  };
  // Every resource, in scope then identifier order.
  std::vector<ScopeResources> snapshot() const;

 private:
  std::map<Scope, std::map<std::string, ModelRef>> resources_;
};

}  // namespace ccemu::store
