#include "resources/recipe_values.h"

#include <chrono>
#include <map>
#include <set>

#include "common/clock.h"

namespace ccemu::resources {
namespace {

using nlohmann::json;

std::string_view alphabet(std::string_view name) {
  if (name == "hex") return "0123456789abcdef";
  if (name == "digits") return "0123456789";
  if (name == "lower") return "abcdefghijklmnopqrstuvwxyz";
  if (name == "upper") return "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  if (name == "lalnum") return "abcdefghijklmnopqrstuvwxyz0123456789";
  if (name == "ualnum") return "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
}

class Filler {
 public:
  Filler(const ValueRecipe& recipe, const schema::ResourceSchema& schema,
         const GenerationContext& ctx, json& model)
      : recipe_(recipe), schema_(schema), ctx_(ctx), model_(model) {}

  void fill(const std::string& name, const json& tmpl) {
    if (model_.contains(name) || !busy_.insert(name).second) return;
    const json* property = schema_.property_schema(json::json_pointer("/" + name));
    if (property != nullptr) {
      if (auto value = render(tmpl); value && satisfies_schema(*value, *property)) {
        model_[name] = std::move(*value);
      }
    }
    busy_.erase(name);
  }

 private:
  std::optional<json> render(const json& tmpl) {
    if (tmpl.is_string()) {
      auto text = render_text(tmpl.get_ref<const std::string&>());
      return text ? std::optional<json>(std::move(*text)) : std::nullopt;
    }
    if (!tmpl.is_object() && !tmpl.is_array()) return tmpl;
    json out = tmpl;
    for (auto& member : out) {
      auto value = render(member);
      if (!value) return std::nullopt;
      member = std::move(*value);
    }
    return out;
  }

  std::optional<std::string> render_text(const std::string& tmpl) {
    std::string out;
    for (size_t from = 0;;) {
      const size_t open = tmpl.find("${", from);
      if (open == std::string::npos) return out + tmpl.substr(from);
      const size_t close = tmpl.find('}', open);
      if (close == std::string::npos) return std::nullopt;
      out += tmpl.substr(from, open - from);
      auto value = variable(tmpl.substr(open + 2, close - open - 2));
      if (!value) return std::nullopt;
      out += *value;
      from = close + 1;
    }
  }

  std::optional<std::string> variable(const std::string& name) {
    if (name == "aws:Partition") return partition_of(ctx_.region);
    if (name == "aws:Region") return ctx_.region;
    if (name == "aws:Account") return ctx_.account;
    if (name == "aws:Now") {
      std::string time =
          rfc3339_ms(std::chrono::system_clock::time_point(std::chrono::milliseconds(ctx_.now_ms)));
      if (time.ends_with('Z')) time.pop_back();
      return time;
    }
    if (name.starts_with('#')) return token(name.substr(1));
    return property_text(name);
  }

  // "NAME:ALPHABET:LENGTH" (ALPHABET "uuid": a UUID), drawn once per NAME.
  std::string token(const std::string& spec) {
    const size_t first = spec.find(':');
    const std::string key = spec.substr(0, first);
    if (auto drawn = tokens_.find(key); drawn != tokens_.end()) return drawn->second;
    const size_t second = first == std::string::npos ? first : spec.find(':', first + 1);
    const std::string kind =
        first == std::string::npos ? "" : spec.substr(first + 1, second - first - 1);
    const size_t length =
        second == std::string::npos ? 12 : std::stoul("0" + spec.substr(second + 1));
    std::string value =
        kind == "uuid" ? ctx_.ids.uuid() : ctx_.ids.from_alphabet(alphabet(kind), length);
    tokens_.emplace(key, value);
    return value;
  }

  // The model's value of `name` as text: generated first when the recipe or the schema can make it.
  std::optional<std::string> property_text(const std::string& name) {
    if (!model_.contains(name)) {
      const auto own = std::find_if(recipe_.values.begin(), recipe_.values.end(),
                                    [&](const auto& value) { return value.first == name; });
      if (own != recipe_.values.end()) {
        fill(name, own->second);
      } else if (const json* property = schema_.property_schema(json::json_pointer("/" + name))) {
        const SchemaResolver resolve = [&](const json& node) -> const json& {
          return schema_.resolve(node);
        };
        const bool read_only =
            std::find(schema_.read_only().begin(), schema_.read_only().end(),
                      json::json_pointer("/" + name)) != schema_.read_only().end();
        auto value = read_only ? generate_read_only_value(name, *property, ctx_, resolve)
                               : generate_name(name, *property, ctx_, resolve);
        if (value) model_[name] = std::move(*value);
      }
    }
    auto value = model_.find(name);
    if (value == model_.end()) return std::nullopt;
    if (value->is_string()) return value->get<std::string>();
    if (value->is_number()) return value->dump();
    return std::nullopt;
  }

  const ValueRecipe& recipe_;
  const schema::ResourceSchema& schema_;
  const GenerationContext& ctx_;
  json& model_;
  std::map<std::string, std::string> tokens_;
  std::set<std::string> busy_;  // properties being filled: a template naming itself gets nothing
};

}  // namespace

std::string partition_of(const std::string& region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

void apply_recipe(const ValueRecipe& recipe, const schema::ResourceSchema& schema,
                  const GenerationContext& ctx, json& model) {
  Filler filler(recipe, schema, ctx, model);
  for (const auto& [name, tmpl] : recipe.values) filler.fill(name, tmpl);
}

}  // namespace ccemu::resources
