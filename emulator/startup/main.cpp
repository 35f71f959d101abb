// ccemu: flags -> Config -> Server.
#include <malloc.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <thread>

#include "cloudcontrol/service.h"
#include "cloudcontrol/state_file.h"
#include "common/clock.h"
#include "fixtures/fixture_interceptor.h"
#include "http/server.h"
#include "identity/session_store.h"
#include "protocol/appflow_rest/wire.h"
#include "protocol/signature_verifier.h"
#include "protocol/sts_query/wire.h"
#include "resources/type_registry.h"
#include "startup/admin_info.h"
#include "startup/config.h"
#include "startup/registry_bundle_summary.h"
#include "startup/served_types.h"
#include "startup/shipped_schema.h"

namespace {

// 2026-01-01T00:00:00Z: where the clock starts under --seed.
constexpr int64_t kSeededEpochMs = 1767225600000;

}  // namespace

int main(int argc, char** argv) {
  using namespace ccemu;
  ParsedCommandLine parsed = parse_command_line(argc, argv, CCEMU_VERSION);
  if (!parsed.config) {
    if (parsed.version_requested) {
      const auto shipped = find_shipped_schema_dir(
          shipped_schema_candidates(current_executable(), CCEMU_CHECKOUT_SCHEMA_DIR));
      parsed.output += describe_registry_bundle(shipped) + "\n";
    }
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.output;
    return parsed.exit_code;
  }
  const Config& config = *parsed.config;

  std::unique_ptr<resources::TypeRegistry> served;
  try {
    served = load_served_types(config, CCEMU_CHECKOUT_SCHEMA_DIR);
  } catch (const std::exception& e) {
    std::cerr << "ccemu: " << e.what() << "\n";
    return 1;
  }
  const resources::TypeRegistry& types = *served;

  // Signals are taken by one waiting thread, so no handler runs inside the server's code.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  SystemClock system_clock;
  SteppingClock seeded_clock(kSeededEpochMs);
  Clock& clock = config.seed ? static_cast<Clock&>(seeded_clock) : system_clock;
  IdGenerator ids(config.seed);
  faults::FaultPlan faults(ids);
  if (!config.faults_file.empty()) {
    try {
      faults.add_file(config.faults_file);
    } catch (const std::exception& e) {
      std::cerr << "ccemu: " << e.what() << "\n";
      return 1;
    }
  }
  cloudcontrol::ServiceOptions service_options = config.service;
  service_options.faults = &faults;
  cloudcontrol::CloudControlService service(types, clock, ids, service_options);
  std::unique_ptr<cloudcontrol::StateFile> state_file;
  if (!config.state_file.empty()) {
    // A journal write past `ulimit -f` then fails with EFBIG and is refused, not fatal.
    signal(SIGXFSZ, SIG_IGN);
    state_file = std::make_unique<cloudcontrol::StateFile>(
        service, config.state_file, config.state_sync, config.log_level == "debug");
    try {
      state_file->load();
    } catch (const std::exception& e) {
      std::cerr << "ccemu: " << e.what() << "\n";
      return 1;
    }
    state_file->start();
  }
  std::unique_ptr<fixtures::FixtureInterceptor> fixture_interceptor;
  try {
    fixture_interceptor = fixtures::make_fixture_interceptor(config.fixtures, types);
  } catch (const std::exception& e) {
    std::cerr << "ccemu: " << e.what() << "\n";
    return 1;
  }
  // Temporary credentials STS issues, accepted by every API.
  identity::SessionStore sessions(clock);
  const protocol::IdentityDefaults identity{config.account, config.region, &sessions};
  std::optional<protocol::SignatureVerifier> verifier;
  if (config.verify_sigv4) {
    try {
      verifier.emplace(protocol::load_credentials(config.credentials_file), identity, system_clock);
    } catch (const std::exception& e) {
      std::cerr << "ccemu: " << e.what() << "\n";
      return 1;
    }
  }
  protocol::ProtocolHandler protocol(service, ids, identity, fixture_interceptor.get(), &faults,
                                     verifier ? &*verifier : nullptr);
  // The native AppFlow API, on the same port, over the same service and fixtures.
  protocol::ProtocolHandler appflow(service, ids, identity, fixture_interceptor.get(), &faults,
                                    verifier ? &*verifier : nullptr,
                                    &protocol::appflow_rest::wire());
  // STS, on the same port, for the identity calls every SDK and provider makes first.
  const protocol::sts_query::StsQuery sts_wire(sessions, ids);
  protocol::ProtocolHandler sts(service, ids, identity, fixture_interceptor.get(), &faults,
                                verifier ? &*verifier : nullptr, &sts_wire);
  http::Server server(
      {config.host, config.port, config.log_level == "info" || config.log_level == "debug",
       config.tls_cert.string(), config.tls_key.string(),
       std::chrono::seconds(config.request_timeout_seconds), config.allowed_hosts},
      protocol, service, faults,
      admin_info(config, types, CCEMU_VERSION, CCEMU_CHECKOUT_SCHEMA_DIR), &appflow, &sts);
  if (!server.valid()) {
    std::cerr << "ccemu: cannot load TLS certificate " << config.tls_cert << " and key "
              << config.tls_key << "\n";
    return 1;
  }

  int port;
  try {
    port = server.bind();
  } catch (const std::exception& e) {
    std::cerr << "ccemu: " << e.what() << "\n";
    return 1;
  }
  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
  });
  // Start-up builds what it keeps (the registry, the health text) beside temporaries; hand the
  // freed heap back, so an idle ccemu stays small.
  malloc_trim(0);
  std::printf("ccemu listening on %s://%s:%d\n", config.tls_cert.empty() ? "http" : "https",
              config.host.c_str(), port);
  std::fflush(stdout);
  server.run();
  // run() also returns when listening fails; wake the waiting thread so it can be joined.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  // Saves the last changes; losing them is a failure the caller must see.
  const bool saved = !state_file || state_file->stop();
  // Workers may still sit in an idle client's keep-alive wait, using the server; end the process
  // without running destructors under them.
  std::fflush(nullptr);
  std::_Exit(saved ? 0 : 1);
}
