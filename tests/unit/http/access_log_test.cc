// The access log line (http/access_log.h): logfmt, every key present, values quoted and escaped so
// that nothing a client sends can split or forge a line.
#include "http/access_log.h"

#include <gtest/gtest.h>

namespace ccemu::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// 2026-01-01T00:00:00.123Z
const system_clock::time_point kArrived{milliseconds(1767225600123)};

AccessLogEntry entry() {
  AccessLogEntry e;
  e.time = kArrived;
  e.account = "123456789012";
  e.region = "us-east-1";
  e.operation = "GetResource";
  e.type_name = "AWS::AppFlow::ConnectorProfile";
  e.identifier = "p1";
  e.status = 200;
  e.duration_us = 412;
  return e;
}

TEST(AccessLog, LineHasEveryKeyInOrder) {
  EXPECT_EQ(access_log_line(entry()),
            "time=2026-01-01T00:00:00.123Z account=123456789012 region=us-east-1 "
            "operation=GetResource type=AWS::AppFlow::ConnectorProfile identifier=p1 status=200 "
            "error= duration_us=412\n");
}

TEST(AccessLog, ErrorNameAndEmptyValues) {
  AccessLogEntry e;
  e.time = kArrived;
  e.operation = "POST /nowhere";
  e.status = 404;
  e.error = "UnknownOperationException";
  EXPECT_EQ(access_log_line(e),
            "time=2026-01-01T00:00:00.123Z account= region= operation=\"POST /nowhere\" type= "
            "identifier= status=404 error=UnknownOperationException duration_us=0\n");
}

TEST(AccessLog, JsonIdentifierIsQuotedAndEscaped) {
  AccessLogEntry e = entry();
  e.identifier = R"({"ConnectorProfileName":"p1"})";
  EXPECT_NE(access_log_line(e).find(R"( identifier="{\"ConnectorProfileName\":\"p1\"}" )"),
            std::string::npos)
      << access_log_line(e);
}

TEST(AccessLog, ControlCharactersCannotSplitTheLine) {
  AccessLogEntry e = entry();
  e.identifier = "a\nstatus=500\r\t\x01\\ b=c";
  const std::string line = access_log_line(e);
  EXPECT_NE(line.find(R"( identifier="a\nstatus=500\r\t\u0001\\ b=c" )"), std::string::npos)
      << line;
  EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST(AccessLog, LongValuesAreCut) {
  AccessLogEntry e = entry();
  e.identifier = std::string(1000, 'x');
  EXPECT_NE(access_log_line(e).find(" identifier=" + std::string(256, 'x') + "... "),
            std::string::npos);
}

TEST(AccessLog, CutNeverSplitsAUtf8Character) {
  AccessLogEntry e = entry();
  e.identifier = std::string(255, 'x') + "\xc3\xa9" + "tail";
  EXPECT_NE(access_log_line(e).find(" identifier=" + std::string(255, 'x') + "... "),
            std::string::npos);
}

TEST(AccessLog, TimeIsRfc3339UtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_ms(system_clock::time_point{milliseconds(0)}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_ms(system_clock::time_point{milliseconds(951782400007)}),
            "2000-02-29T00:00:00.007Z");
}

}  // namespace
}  // namespace ccemu::http
