// ResourceStore: every resource model, per (account, region, type), ordered by identifier.
//
// Models are kept as text (store/stored_model.h), made once per write; reads hand out the stored
// text as it is. Beside each model the store keeps its ResourceMeta, in the same entry, so a
// resource costs one map node. Stored models never change: put() replaces one whole. They are
// shared, so snapshot() copies the store in the time it takes to copy pointers, and the text is
// assembled later, outside any lock.
//
// Thread-safety: none of its own. CloudControlService owns the only instance and guards it with its
// mutex (see cloudcontrol/service.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/stored_model.h"

namespace ccemu::store {

struct Scope {
  std::string account;
  std::string region;
  std::string type_name;
  auto operator<=>(const Scope&) const = default;
};

// What the store keeps of a resource besides its model, for APIs that show it (AppFlow's
// createdAt, lastUpdatedAt and tags). Not part of snapshots.
struct ResourceMeta {
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  // Few resources have tags: replaced whole when they change, so a resource without any costs a
  // pointer rather than an empty map.
  std::shared_ptr<const std::map<std::string, std::string>> tags{};
};

// One resource of a scope.
struct StoredResource {
  std::string identifier;
  ModelRef model;
  ResourceMeta meta;
};

class ResourceStore {
 public:
  // The stored model, or nullptr.
  ModelRef find(const Scope& scope, const std::string& identifier) const;
  // The resource's ResourceMeta, or nullptr when there is no such resource.
  const ResourceMeta* meta(const Scope& scope, const std::string& identifier) const;
  ResourceMeta* meta(const Scope& scope, const std::string& identifier);
  // Makes `model` the resource's. A new resource counts as created at `now_ms`, with no tags;
  // either way it counts as changed at `now_ms`. REQUIRES: model != nullptr.
  void put(const Scope& scope, const std::string& identifier, ModelRef model, int64_t now_ms);
  void erase(const Scope& scope, const std::string& identifier);

  // Up to `limit` resources whose identifier sorts after `after` (from the first when `after` is
  // empty), in identifier order.
  std::vector<StoredResource> list(const Scope& scope, const std::string& after,
                                   size_t limit) const;
  // True when some identifier sorts after `after` in that scope.
  bool has_after(const Scope& scope, const std::string& after) const;

  void clear();

  // How many resources each scope holds, in scope order; scopes without any left out.
  std::vector<std::pair<Scope, size_t>> counts() const;

  struct ScopeResources {
    Scope scope;
    std::vector<StoredResource> resources;  // in identifier order
  };
  // Every resource, in scope then identifier order.
  std::vector<ScopeResources> snapshot() const;

 private:
  struct Entry {
    ModelRef model;
    ResourceMeta meta;
  };
  const Entry* entry(const Scope& scope, const std::string& identifier) const;

  std::map<Scope, std::map<std::string, Entry>> resources_;
};

}  // namespace ccemu::store
