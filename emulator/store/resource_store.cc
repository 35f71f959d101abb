#include "store/resource_store.h"

#include <utility>

namespace ccemu::store {

const ResourceStore::Entry* ResourceStore::entry(const Scope& scope,
                                                 const std::string& identifier) const {
  auto type = resources_.find(scope);
  if (type == resources_.end()) return nullptr;
  auto it = type->second.find(identifier);
  return it == type->second.end() ? nullptr : &it->second;
}

ModelRef ResourceStore::find(const Scope& scope, const std::string& identifier) const {
  const Entry* found = entry(scope, identifier);
  return found == nullptr ? nullptr : found->model;
}

const ResourceMeta* ResourceStore::meta(const Scope& scope, const std::string& identifier) const {
  const Entry* found = entry(scope, identifier);
  return found == nullptr ? nullptr : &found->meta;
}

ResourceMeta* ResourceStore::meta(const Scope& scope, const std::string& identifier) {
  return const_cast<ResourceMeta*>(std::as_const(*this).meta(scope, identifier));
}

void ResourceStore::put(const Scope& scope, const std::string& identifier, ModelRef model,
                        int64_t now_ms) {
  auto [it, added] = resources_[scope].try_emplace(identifier);
  it->second.model = std::move(model);
  if (added) it->second.meta.created_ms = now_ms;
  it->second.meta.updated_ms = now_ms;
}

void ResourceStore::erase(const Scope& scope, const std::string& identifier) {
  auto type = resources_.find(scope);
  if (type == resources_.end()) return;
  type->second.erase(identifier);
  if (type->second.empty()) resources_.erase(type);
}

std::vector<StoredResource> ResourceStore::list(const Scope& scope, const std::string& after,
                                                size_t limit) const {
  std::vector<StoredResource> page;
  auto type = resources_.find(scope);
  if (type == resources_.end()) return page;
  auto it = after.empty() ? type->second.begin() : type->second.upper_bound(after);
  for (; it != type->second.end() && page.size() < limit; ++it)
    page.push_back({it->first, it->second.model, it->second.meta});
  return page;
}

bool ResourceStore::has_after(const Scope& scope, const std::string& after) const {
  auto type = resources_.find(scope);
  return type != resources_.end() && type->second.upper_bound(after) != type->second.end();
}

void ResourceStore::clear() { resources_.clear(); }

std::vector<std::pair<Scope, size_t>> ResourceStore::counts() const {
  std::vector<std::pair<Scope, size_t>> counts;
  for (const auto& [scope, models] : resources_) {
    if (!models.empty()) counts.emplace_back(scope, models.size());
  }
  return counts;
}

std::vector<ResourceStore::ScopeResources> ResourceStore::snapshot() const {
  std::vector<ScopeResources> all;
  all.reserve(resources_.size());
  for (const auto& [scope, models] : resources_) {
    ScopeResources& copy = all.emplace_back(ScopeResources{scope, {}});
    copy.resources.reserve(models.size());
    for (const auto& [identifier, entry] : models)
      copy.resources.push_back({identifier, entry.model, entry.meta});
  }
  return all;
}

}  // namespace ccemu::store
