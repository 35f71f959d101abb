// SessionStore: the temporary credentials STS has issued (protocol/sts_query/), which every
// protocol then accepts: a request signed with an issued ASIA... key belongs to the session's
// account, and under --verify-sigv4 its signature is checked against the issued secret and its
// X-Amz-Security-Token against the issued token (protocol/signature_verifier.h).
//
// Sessions live in memory only: after a restart their keys are unknown (README "STS").
//
// Thread-safety: every method may run on many threads at once; mu_ guards sessions_.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.h"

namespace ccemu::identity {

// One issued set of temporary credentials and the principal it acts as.
struct Session {
  std::string secret_access_key;
  std::string session_token;
  std::string account;  // 12 digits: the assumed role's account, or the caller's
  // What GetCallerIdentity answers for the session:
  // "arn:aws:sts::<account>:assumed-role/<role>/<session>" and "AROA...:<session>" for a role,
  // the calling principal's own for GetSessionToken.
  std::string arn;
  std::string user_id;
  bool from_role = false;  // AssumeRole / AssumeRoleWithWebIdentity, not GetSessionToken
  int64_t expires_ms = 0;
};

class SessionStore {
 public:
  // `clock` decides issue and expiry times (the service clock, so --seed runs repeat).
  explicit SessionStore(Clock& clock) : clock_(clock) {}

  // Files `session` under `access_key_id`; drops sessions that have expired.
  void add(const std::string& access_key_id, Session session);
  // The session issued under `access_key_id`, expired or not.
  std::optional<Session> find(const std::string& access_key_id) const;
  bool expired(const Session& session) const { return clock_.now_ms() >= session.expires_ms; }
  int64_t now_ms() const { return clock_.now_ms(); }

 private:
  Clock& clock_;
  mutable std::mutex mu_;
  std::map<std::string, Session> sessions_;  // by access key id; guarded by mu_
};

}  // namespace ccemu::identity
