// Caller identity from the SigV4 credential scope (spec §1.2, design.md "Identity").
#pragma once

#include <string>
#include <string_view>

#include "cloudcontrol/types.h"

namespace ccemu::protocol {

struct IdentityDefaults {
  std::string account = "123456789012";
  std::string region = "us-east-1";
};

// Region: the scope's region, else the default. Account: a 12-digit access key id, else the
// default. Signatures are not checked here. Throws ApiError kInvalidSignature when the scope names
// something that is not a region or a service other than `service` (the API's signing name), or
// when the header carries more than one Credential.
cloudcontrol::Caller caller_from_authorization(const std::string& authorization,
                                               const IdentityDefaults& defaults,
                                               std::string_view service = "cloudcontrolapi");

}  // namespace ccemu::protocol
