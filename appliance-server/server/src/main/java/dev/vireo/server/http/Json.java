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
      String allowed = e.getTargetType().isEnum()
          ? "; one of " + java.util.Arrays.stream(e.getTargetType().getEnumConstants()).map(Object::toString)
              .collect(Collectors.joining(", "))
          : "";
      throw ApiException.invalid(field, "has the wrong type or value '" + e.getValue() + "'" + allowed);
    } catch (MismatchedInputException e) {
      throw ApiException.invalid(path(e), "has the wrong type");
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable request body");
    }
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
