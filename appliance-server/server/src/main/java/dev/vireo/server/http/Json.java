package dev.vireo.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/** The server's JSON mapper, and the translation of parse errors into 400/422 answers. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Json() {}

  public static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("request body is empty; a JSON object is required");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.invalid(e.getPropertyName(), "unknown field");
    } catch (InvalidFormatException e) {
      String field = path(e);
      if (e.getTargetType() != null && e.getTargetType().isEnum()) {
        // A well-typed value outside the allowed set is a validation failure (422), not a parse one.
        throw ApiException.invalid(field, "must be one of " + java.util.Arrays.stream(e.getTargetType()
            .getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")) + " (got '" + e.getValue() + "')");
      }
      throw wrongType(field, e);
    } catch (MismatchedInputException e) {
      throw wrongType(path(e), e);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable request body");
    }
  }

  /** docs/rest-api.md: a value of the wrong JSON type is a 400, still naming the field and the type it needs. */
  private static ApiException wrongType(String field, MismatchedInputException e) {
    String expected = expected(e.getTargetType());
    String rule = expected == null ? "has the wrong JSON type" : "must be " + expected;
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null`")) {
      rule = "is required" + (expected == null ? "" : " (" + expected + ")");
    }
    return new ApiException(400, "bad_request", field, field + ": " + rule);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return null;
    } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    } else if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    } else if (type == String.class || type == java.time.Instant.class) {
      return "a string";
    } else if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    } else if (type.isRecord() || type.isInterface()) {
      return "an object";
    }
    return null;
  }

  private static String path(MismatchedInputException e) {
    String p = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    return p.isEmpty() ? "body" : p;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass(), e);
    }
  }
}
