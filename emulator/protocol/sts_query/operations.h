// The STS operations ccemu serves, each answering STS's XML result document:
//   GetCallerIdentity          the caller's account, ARN and user id
//   AssumeRole                 temporary credentials of a role (the role ARN's account owns them)
//   AssumeRoleWithWebIdentity  the same for an OIDC token (unsigned in AWS)
//   GetSessionToken            temporary credentials of the caller itself
// Issued credentials are filed in the SessionStore, so every protocol accepts them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cloudcontrol/types.h"
#include "common/id_generator.h"
#include "identity/session_store.h"

namespace ccemu::protocol::sts_query {

// Whether ccemu serves `operation` (the four above).
bool served(std::string_view operation);
// Whether `operation` is one of the STS model's (botocore sts 2011-06-15), served or not.
bool in_model(std::string_view operation);

// Runs a served operation on checked parameters; returns its document (request id left empty).
// Throws ApiError (ValidationError for a malformed RoleArn or role chaining past one hour,
// InvalidIdentityToken, AccessDenied for GetSessionToken with temporary credentials).
std::string run_operation(identity::SessionStore& sessions, IdGenerator& ids,
                          const cloudcontrol::Caller& caller, std::string_view operation,
                          const nlohmann::json& input);

}  // namespace ccemu::protocol::sts_query
