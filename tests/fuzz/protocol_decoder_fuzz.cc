// Fuzzes the protocol decoder: headers and body in, an AWS response out.
// Input: line 1 the X-Amz-Target value, line 2 the Authorization value, the rest the body.
// Invariant: every response is a status from 200 to 599 with a JSON body.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_environment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& env = ccemu::fuzz::environment();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto take_line = [&input] {
    auto end = input.find('\n');
    std::string line(input.substr(0, end));
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    return line;
  };
  ccemu::protocol::Request request;
  request.headers["x-amz-target"] = take_line();
  request.headers["authorization"] = take_line();
  request.body = std::string(input);
  const auto response = env.handler.handle(request);
  if (response.status < 200 || response.status > 599 || !nlohmann::json::accept(response.body)) {
    std::abort();
  }
  // Keep memory bounded over long runs.
  static int runs = 0;
  if (++runs % 4096 == 0) env.service.reset();
  return 0;
}
