#include "store/resource_store.h"

namespace ccemu::store {

const json* ResourceStore::find(const Scope& scope, const std::string& identifier) const {
  auto type = resources_.find(scope);
  if (type == resources_.end()) return nullptr;
  auto it = type->second.find(identifier);
  return it == type->second.end() ? nullptr : it->second.get();
}

void ResourceStore::put(const Scope& scope, const std::string& identifier, json model) {
  resources_[scope][identifier] = std::make_shared<const json>(std::move(model));
}

void ResourceStore::erase(const Scope& scope, const std::string& identifier) {
  auto type = resources_.find(scope);
  if (type == resources_.end()) return;
  type->second.erase(identifier);
  if (type->second.empty()) resources_.erase(type);
}

std::vector<std::pair<std::string, const json*>> ResourceStore::list(const Scope& scope,
                                                                     const std::string& after,
                                                                     size_t limit) const {
  std::vector<std::pair<std::string, const json*>> page;
  auto type = resources_.find(scope);
  if (type == resources_.end()) return page;
  auto it = after.empty() ? type->second.begin() : type->second.upper_bound(after);
  for (; it != type->second.end() && page.size() < limit; ++it)
    page.emplace_back(it->first, it->second.get());
  return page;
}

bool ResourceStore::has_after(const Scope& scope, const std::string& after) const {
  auto type = resources_.find(scope);
  return type != resources_.end() && type->second.upper_bound(after) != type->second.end();
}

void ResourceStore::clear() { resources_.clear(); }

std::vector<ResourceStore::StoredResource> ResourceStore::snapshot() const {
  std::vector<StoredResource> all;
  for (const auto& [scope, models] : resources_) {
    for (const auto& [identifier, model] : models) all.push_back({scope, identifier, model});
  }
  return all;
}

}  // namespace ccemu::store
