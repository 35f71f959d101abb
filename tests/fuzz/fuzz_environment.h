// What the fuzz targets share: the shipped schemas and a service with a fake clock, built once.
#pragma once

#include "cloudcontrol/service.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "protocol/handler.h"
#include "resources/type_registry.h"

namespace ccemu::fuzz {

struct FuzzEnvironment {
  FuzzEnvironment() {
    types.load_directory(CCEMU_SOURCE_DIR "/schema", schema::Strictness::kWrapper);
  }
  const schema::ResourceSchema& connector_profile() const {
    return *types.find("AWS::AppFlow::ConnectorProfile")->schema;
  }

  resources::TypeRegistry types;
  ManualClock clock{1767225600000};
  IdGenerator ids{1};
  cloudcontrol::CloudControlService service{types, clock, ids, {}};
  protocol::ProtocolHandler handler{service, ids, {}};
};

// One environment per process; fuzz targets never tear it down.
inline FuzzEnvironment& environment() {
  static auto* instance = new FuzzEnvironment();
  return *instance;
}

}  // namespace ccemu::fuzz
