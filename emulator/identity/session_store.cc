#include "identity/session_store.h"

namespace ccemu::identity {

void SessionStore::add(const std::string& access_key_id, Session session) {
  const int64_t now = clock_.now_ms();
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [now](const auto& entry) { return now >= entry.second.expires_ms; });
  sessions_[access_key_id] = std::move(session);
}

std::optional<Session> SessionStore::find(const std::string& access_key_id) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(access_key_id);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

}  // namespace ccemu::identity
