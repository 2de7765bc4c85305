package smarthome.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Strict, allocation-light parsing of the small JSON objects our events are. Values come back as
 * {@link String}, {@link Double}, {@link Boolean}, {@code null} ({@link #NULL}) or, one level down,
 * a nested {@code Map}. Duplicate keys, trailing data, arrays and deeper nesting are refused.
 */
public final class JsonObjects {
  /** Marker for an explicit JSON null, so "absent" and "null" stay apart. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  public static final JsonFactory FACTORY = new JsonFactoryBuilder()
      // never echo the (possibly hostile) source document inside an error message
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * Without Jackson's duplicate detection (a hash set per object): for decoders that track the
   * fields they have seen themselves, on the hot path.
   */
  public static final JsonFactory FAST_FACTORY = new JsonFactoryBuilder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      // Jackson's bundled fast double parser: same results as Double.parseDouble, fewer cycles
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private JsonObjects() {}

  /** Parses one JSON object whose values may be one nested object deep. */
  public static Map<String, Object> parse(byte[] json) throws InvalidEventException {
    if (json == null || json.length == 0) {
      throw new InvalidEventException("empty value: expected a JSON object");
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidEventException("expected a JSON object");
      }
      Map<String, Object> root = readObject(p, 1);
      if (p.nextToken() != null) {
        throw new InvalidEventException("trailing data after the JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage()
          + " at " + e.getLocation().offsetDescription());
    } catch (IOException e) {
      throw new InvalidEventException("unreadable JSON: " + e.getMessage());
    }
  }

  private static Map<String, Object> readObject(JsonParser p, int depth)
      throws IOException, InvalidEventException {
    Map<String, Object> out = new LinkedHashMap<>(16);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Object value;
      switch (v) {
        case VALUE_STRING -> value = p.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = NULL;
        case START_OBJECT -> {
          if (depth >= 2) {
            throw new InvalidEventException("field " + Text.quote(name) + ": objects nest too deep");
          }
          value = readObject(p, depth + 1);
        }
        default -> throw new InvalidEventException(
            "field " + Text.quote(name) + ": arrays are not allowed");
      }
      out.put(name, value);
    }
    if (t != JsonToken.END_OBJECT) {
      throw new InvalidEventException("malformed JSON object");
    }
    return out;
  }

  /** Checks that the object has exactly the expected keys, naming the first missing or unknown. */
  public static void requireExactKeys(String what, Map<String, ?> obj, Set<String> expected)
      throws InvalidEventException {
    for (String key : expected) {
      if (!obj.containsKey(key)) {
        throw new InvalidEventException(what + ": missing field " + key);
      }
    }
    if (obj.size() != expected.size()) {
      for (String key : obj.keySet()) {
        if (!expected.contains(key)) {
          throw new InvalidEventException(what + ": unknown field " + Text.quote(key));
        }
      }
    }
  }

  public static String string(Map<String, Object> obj, String key) throws InvalidEventException {
    Object v = obj.get(key);
    if (v instanceof String s) {
      return s;
    }
    throw new InvalidEventException(key + " must be a string, not " + typeName(v));
  }

  /** A string or an explicit null. */
  public static String nullableString(Map<String, Object> obj, String key)
      throws InvalidEventException {
    Object v = obj.get(key);
    if (v == NULL) {
      return null;
    }
    return string(obj, key);
  }

  public static String typeName(Object v) {
    if (v == null) {
      return "absent";
    } else if (v == NULL) {
      return "null";
    } else if (v instanceof String) {
      return "a string";
    } else if (v instanceof Double) {
      return "a number";
    } else if (v instanceof Boolean) {
      return "a boolean";
    } else if (v instanceof Map) {
      return "an object";
    }
    return v.getClass().getSimpleName();
  }
}
