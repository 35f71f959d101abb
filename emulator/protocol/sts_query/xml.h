// STS's XML documents (awsQuery): an operation's answer and an error, as sts.amazonaws.com writes
// them (namespace https://sts.amazonaws.com/doc/2011-06-15/, two-space indentation).
//
// Request ids are not known when an answer is written: documents carry an empty
// <RequestId></RequestId> that fill_request_id() completes once the handler has chosen the id.
#pragma once

#include <string>
#include <string_view>

namespace ccemu::protocol::sts_query {

// `text` as XML character data: & < > " ' escaped; bytes that are not UTF-8, and characters XML
// 1.0 cannot carry (control characters), as U+FFFD.
std::string xml_text(std::string_view text);

// <{operation}Response><{operation}Result>{result}</...><ResponseMetadata>... . `result` is
// already XML: lines indented four spaces, each ending in '\n'.
std::string result_document(std::string_view operation, std::string_view result);

// <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>.
std::string error_document(bool sender_fault, std::string_view code, std::string_view message);

// Writes `request_id` into the document's empty <RequestId></RequestId>, if it still has one.
void fill_request_id(std::string& document, const std::string& request_id);

}  // namespace ccemu::protocol::sts_query
