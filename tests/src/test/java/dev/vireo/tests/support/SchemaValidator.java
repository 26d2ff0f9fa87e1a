package dev.vireo.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The part of OpenAPI 3.0 schema validation the contract relies on: $ref, type, nullable,
 * required, properties (an object with properties admits no others unless additionalProperties
 * is true), enum, items, allOf, oneOf, date-time, int32 range, minimum/maximum, min/maxLength.
 * A library would do more; this stays small enough to trust and fails on what it does not know.
 */
final class SchemaValidator {
  private final JsonNode root;

  SchemaValidator(JsonNode root) {
    this.root = root;
  }

  JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int hops = 0; n.has("$ref"); hops++) {
      String ref = n.get("$ref").asText();
      if (!ref.startsWith("#/") || hops > 20) {
        throw new IllegalArgumentException("unsupported $ref " + ref);
      }
      n = root.at(ref.substring(1));
      if (n.isMissingNode()) {
        throw new IllegalArgumentException("dangling $ref " + ref);
      }
    }
    return n;
  }

  void validate(JsonNode value, JsonNode schemaNode, String at, List<String> errors) {
    JsonNode schema = resolve(schemaNode);
    if (value == null || value.isMissingNode()) {
      errors.add(at + ": missing");
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        errors.add(at + ": null but not nullable");
      }
      return;
    }
    for (JsonNode part : schema.path("allOf")) {
      validate(value, part, at, errors);
    }
    if (schema.has("oneOf")) {
      int matches = 0;
      List<String> why = new ArrayList<>();
      for (JsonNode alternative : schema.get("oneOf")) {
        List<String> e = new ArrayList<>();
        validate(value, alternative, at, e);
        matches += e.isEmpty() ? 1 : 0;
        why.addAll(e);
      }
      if (matches != 1) {
        errors.add(at + ": matches " + matches + " oneOf alternatives, not exactly one " + why);
      }
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> object(value, schema, at, errors);
      case "array" -> {
        if (!value.isArray()) {
          errors.add(at + ": expected an array, got " + value.getNodeType());
        } else {
          for (int i = 0; i < value.size(); i++) {
            validate(value.get(i), schema.path("items"), at + "[" + i + "]", errors);
          }
        }
      }
      case "string" -> string(value, schema, at, errors);
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          errors.add(at + ": expected an integer, got " + value);
        } else if ("int32".equals(schema.path("format").asText()) && !value.canConvertToInt()) {
          errors.add(at + ": " + value + " does not fit int32");
        } else {
          range(value, schema, at, errors);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          errors.add(at + ": expected a number, got " + value);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(at + ": expected a boolean, got " + value);
        }
      }
      case "" -> {
        if (!schema.has("allOf") && !schema.has("oneOf")) {
          errors.add(at + ": schema has no type");
        }
      }
      default -> errors.add(at + ": unsupported schema type " + type);
    }
  }

  private void object(JsonNode value, JsonNode schema, String at, List<String> errors) {
    if (!value.isObject()) {
      errors.add(at + ": expected an object, got " + value.getNodeType());
      return;
    }
    JsonNode props = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(at + "." + required.asText() + ": required but absent");
      }
    }
    boolean open = schema.path("additionalProperties").asBoolean(false);
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (props.has(name)) {
        validate(value.get(name), props.get(name), at + "." + name, errors);
      } else if (!open) {
        errors.add(at + "." + name + ": not documented");
      }
    }
  }

  private static void string(JsonNode value, JsonNode schema, String at, List<String> errors) {
    if (!value.isTextual()) {
      errors.add(at + ": expected a string, got " + value);
      return;
    }
    String s = value.asText();
    if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
      errors.add(at + ": shorter than " + schema.get("minLength"));
    }
    if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
      errors.add(at + ": longer than " + schema.get("maxLength"));
    }
    if ("date-time".equals(schema.path("format").asText())) {
      try {
        Instant.parse(s);
      } catch (DateTimeParseException e) {
        errors.add(at + ": '" + s + "' is not an RFC 3339 date-time");
      }
    }
  }

  private static void range(JsonNode value, JsonNode schema, String at, List<String> errors) {
    if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
      errors.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
    }
    if (schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
      errors.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
    }
  }
}
