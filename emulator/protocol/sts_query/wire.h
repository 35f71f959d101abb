// STS's wire protocol, awsQuery: "POST /" with a form-encoded body
// "Action=GetCallerIdentity&Version=2011-06-15" (or the same as a GET's query string), answers and
// errors as XML (xml.h) with Content-Type text/xml. Served on the Cloud Control port so that
// Terraform, Pulumi and the SDKs can ask who the caller is (README "STS").
//
// STS answers are not recorded, replayed or proxied as fixtures: they carry issued secrets.
//
// Thread-safety: immutable; the SessionStore and IdGenerator guard themselves.
#pragma once

#include "common/id_generator.h"
#include "identity/session_store.h"
#include "protocol/wire_protocol.h"

namespace ccemu::protocol::sts_query {

class StsQuery final : public WireProtocol {
 public:
  StsQuery(identity::SessionStore& sessions, IdGenerator& ids) : sessions_(sessions), ids_(ids) {}

  std::string_view api() const override { return "sts"; }
  std::string_view signing_name() const override { return "sts"; }
  std::string_view content_type() const override { return "text/xml"; }
  bool intercepted() const override { return false; }
  // AssumeRoleWithWebIdentity is unsigned in AWS (the token is the credential).
  bool requires_signature(const Request& request) const override;
  std::string operation_name(const Request& request) const override;
  DecodedOperation decode(const Request& request) const override;
  std::string serve(cloudcontrol::CloudControlService& service, const cloudcontrol::Caller& caller,
                    const std::string& operation, const nlohmann::json& input) const override;
  void encode_error(ErrorCode code, const std::string& message, Response& response) const override;
  void add_request_id(Response& response) const override;
  NamedResource named_resource(const std::string&, const nlohmann::json&,
                               const std::string&) const override {
    return {};
  }

 private:
  identity::SessionStore& sessions_;
  IdGenerator& ids_;
};

}  // namespace ccemu::protocol::sts_query
