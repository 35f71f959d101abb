// ccemu: flags -> Config -> Server.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cloudcontrol/service.h"
#include "common/clock.h"
#include "config.h"
#include "http/server.h"
#include "resources/type_registry.h"

namespace {

// 2026-01-01T00:00:00Z: where the clock starts under --seed.
constexpr int64_t kSeededEpochMs = 1767225600000;

}  // namespace

int main(int argc, char** argv) {
  using namespace ccemu;
  ParsedCommandLine parsed = parse_command_line(argc, argv, CCEMU_DEFAULT_SCHEMA_DIR);
  if (!parsed.config) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.output;
    return parsed.exit_code;
  }
  const Config& config = *parsed.config;

  resources::TypeRegistry types;
  try {
    types.load_directory(config.schema_dir, schema::Strictness::kWrapper);
  } catch (const std::exception& e) {
    std::cerr << "ccemu: cannot load schemas: " << e.what() << "\n";
    return 1;
  }

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
  cloudcontrol::CloudControlService service(types, clock, ids, config.service);
  protocol::ProtocolHandler protocol(service, ids, {config.account, config.region});
  http::Server server(
      {config.host, config.port, config.log_level == "info" || config.log_level == "debug"},
      protocol, service, {CCEMU_VERSION, types.type_names()});

  const int port = server.bind();
  if (port < 0) {
    std::cerr << "ccemu: cannot listen on " << config.host << ":" << config.port << "\n";
    return 1;
  }
  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
  });
  std::printf("ccemu listening on http://%s:%d\n", config.host.c_str(), port);
  std::fflush(stdout);
  server.run();
  // run() also returns when listening fails; wake the waiting thread so it can be joined.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  // Workers may still sit in an idle client's keep-alive wait, using the server; end the process
  // without running destructors under them.
  std::fflush(nullptr);
  std::_Exit(0);
}
