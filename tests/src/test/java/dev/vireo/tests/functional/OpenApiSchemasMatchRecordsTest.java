package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.api.model.Page;
import dev.vireo.tests.support.OpenApi;
import dev.vireo.tests.support.RepoRoot;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schemas are the wire form of the model records (dev.vireo.api.model) and the agent
 * protocol records: same property names, same JSON types, every enum constant listed. The
 * conformance test sees only what one run answers; this sees the fields a run left null.
 */
class OpenApiSchemasMatchRecordsTest {
  private static final List<String> PACKAGES = List.of("dev.vireo.api.model", "dev.vireo.agent.protocol");
  /** Schemas with no class of their own: shared string rules. */
  private static final Set<String> HELPERS = Set.of("Name", "Description");

  @Test
  void everyModelRecordAndEnumHasASchema() throws Exception {
    OpenApi spec = OpenApi.load();
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.list(RepoRoot.find().resolve("appliance-server/api/src/main/java/dev/vireo/api/model"))) {
      files.map(f -> f.getFileName().toString().replace(".java", ""))
          .filter(n -> !n.equals("Page") && !n.equals("package-info"))
          .filter(n -> spec.schema(n).isMissingNode()).forEach(missing::add);
    }
    assertEquals(Set.of(), missing, "model types without a schema in openapi.yaml");
  }

  @Test
  void everySchemaHasTheFieldsAndTypesOfItsRecord() throws Exception {
    OpenApi spec = OpenApi.load();
    List<String> problems = new ArrayList<>();
    for (String name : spec.schemaNames()) {
      JsonNode schema = spec.schema(name);
      if (HELPERS.contains(name)) {
        continue;
      }
      if (name.endsWith("Page")) {
        compare(name, Page.class, schema, spec, problems, Set.of());
        String item = schema.at("/properties/items/items/$ref").asText();
        if (!item.equals("#/components/schemas/" + name.substring(0, name.length() - 4))) {
          problems.add(name + ".items must list " + name.substring(0, name.length() - 4) + ", not " + item);
        }
        continue;
      }
      Class<?> type = find(name);
      if (type == null) {
        problems.add(name + ": no record or enum of that name in " + PACKAGES);
      } else if (type.isEnum()) {
        List<String> constants = Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        List<String> documented = new ArrayList<>();
        schema.path("enum").forEach(v -> documented.add(v.asText()));
        if (!constants.equals(documented)) {
          problems.add(name + ": enum " + documented + " but the code has " + constants);
        }
      } else if (type.isRecord()) {
        compare(name, type, schema, spec, problems, discriminators(type));
      } else if (type.isAnnotationPresent(JsonSubTypes.class)) {
        List<String> subtypes = new ArrayList<>();
        for (JsonSubTypes.Type t : type.getAnnotation(JsonSubTypes.class).value()) {
          subtypes.add(t.name() + "=#/components/schemas/" + t.value().getSimpleName());
        }
        List<String> documented = new ArrayList<>();
        schema.at("/discriminator/mapping").fields()
            .forEachRemaining(e -> documented.add(e.getKey() + "=" + e.getValue().asText()));
        if (!subtypes.equals(documented)) {
          problems.add(name + ": discriminator mapping " + documented + " but the code has " + subtypes);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  private static Class<?> find(String simpleName) {
    for (String p : PACKAGES) {
      try {
        return Class.forName(p + "." + simpleName);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    return null;
  }

  /** The type property Jackson adds to a record serialised through a polymorphic interface. */
  private static Set<String> discriminators(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Class<?> i : type.getInterfaces()) {
      JsonTypeInfo info = i.getAnnotation(JsonTypeInfo.class);
      if (info != null) {
        names.add(info.property());
      }
    }
    return names;
  }

  private static void compare(String name, Class<?> record, JsonNode schema, OpenApi spec, List<String> problems,
      Set<String> extra) {
    Set<String> fields = new TreeSet<>(extra);
    Arrays.stream(record.getRecordComponents()).forEach(c -> fields.add(c.getName()));
    Set<String> properties = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    if (!fields.equals(properties)) {
      problems.add(name + ": properties " + properties + " but " + record.getSimpleName() + " has " + fields);
      return;
    }
    for (RecordComponent c : record.getRecordComponents()) {
      JsonNode property = schema.path("properties").path(c.getName());
      String problem = typeProblem(c.getGenericType(), property, spec);
      if (problem != null) {
        problems.add(name + "." + c.getName() + ": " + problem);
      } else if (c.getType().isPrimitive() && spec.resolve(property).path("nullable").asBoolean(false)) {
        problems.add(name + "." + c.getName() + ": a primitive cannot be null");
      }
    }
  }

  private static String typeProblem(Type javaType, JsonNode property, OpenApi spec) {
    String ref = property.has("$ref") ? property.get("$ref").asText() : property.at("/allOf/0/$ref").asText(null);
    JsonNode schema = spec.resolve(property);
    String type = schema.path("type").asText("");
    if (javaType instanceof ParameterizedType p && p.getRawType() == List.class) {
      return type.equals("array") ? typeProblem(p.getActualTypeArguments()[0], schema.path("items"), spec)
          : "a List must be an array, not " + type;
    }
    if (javaType instanceof java.lang.reflect.TypeVariable) {
      return null; // Page<T>.items: each XPage's item type is checked by name
    }
    Class<?> c = (Class<?>) (javaType instanceof ParameterizedType p ? p.getRawType() : javaType);
    String expected;
    if (c == String.class) {
      expected = "string";
    } else if (c == int.class || c == Integer.class) {
      expected = "integer/int32";
    } else if (c == long.class || c == Long.class) {
      expected = "integer/int64";
    } else if (c == double.class || c == Double.class) {
      expected = "number/double";
    } else if (c == boolean.class || c == Boolean.class) {
      expected = "boolean";
    } else if (c == Instant.class) {
      expected = "string/date-time";
    } else {
      String wanted = "#/components/schemas/" + c.getSimpleName();
      return wanted.equals(ref) ? null : "must refer to " + wanted + ", not " + ref;
    }
    String actual = schema.has("format") && expected.contains("/") ? type + "/" + schema.get("format").asText() : type;
    return expected.equals(actual) ? null : "is " + c.getSimpleName() + " in the code but " + actual + " in the schema";
  }
}
