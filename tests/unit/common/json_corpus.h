// Models whose text is easy to get wrong when answers are assembled from stored text instead of
// serialized: non-ASCII text, every escape, numbers at and past the integer limits, nesting.
// Each is JSON text as a client would send it.
#pragma once

#include <string>
#include <vector>

namespace ccemu::testing {

inline const std::vector<std::string>& tricky_model_texts() {
  static const std::vector<std::string> texts = {
      R"({"Name":"plain"})",
      R"({"Name":"h\u00e9llo w\u00f6rld – 日本語 😀 \ud83d\ude00","Kéy ü":"ß"})",
      R"({"Name":"q \" b \\ s \/ t \t n \n r \r b \b f \f c \u0001 \u001f d \u007f","K\"ey":"x",)"
      R"("a/b~c":"y","":"empty key"})",
      R"({"Big":18446744073709551615,"Neg":-9223372036854775808,"Beyond":123456789012345678901234567890,)"
      R"("Float":1.5e300,"Tiny":5e-324,"Frac":0.1,"NegZero":-0.0,"Exp":1E3,"Int":42,"Zero":0})",
      R"({"Nested":[[1,[2,[3,{"k":[],"e":{}}]]],{"a":[{"b":[null,true,false]}]}],"Empty":[],)"
      R"("Obj":{"Inner":{"Deeper":["x",{"y":"z"}]}}})",
  };
  return texts;
}

}  // namespace ccemu::testing
