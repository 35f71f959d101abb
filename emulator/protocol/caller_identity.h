// Caller identity from the SigV4 credential scope (spec §1.2, design.md "Identity").
#pragma once

#include <string>
#include <string_view>

#include "cloudcontrol/types.h"
#include "identity/session_store.h"

namespace ccemu::protocol {

struct IdentityDefaults {
  std::string account = "123456789012";
  std::string region = "us-east-1";
  // Temporary credentials STS issued; a request signed with one belongs to its session's account.
  const identity::SessionStore* sessions = nullptr;
};

// Region: the scope's region, else the default. Account: an issued temporary key's session
// account, else a 12-digit access key id, else the default. Signatures are not checked here. Throws
// ApiError kInvalidSignature when the scope names something that is not a region or a service other
// than `service` (the API's signing name), or when the header carries more than one Credential.
cloudcontrol::Caller caller_from_authorization(const std::string& authorization,
                                               const IdentityDefaults& defaults,
                                               std::string_view service = "cloudcontrolapi");

}  // namespace ccemu::protocol
