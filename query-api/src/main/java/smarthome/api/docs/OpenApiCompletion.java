package smarthome.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What the annotation processor cannot know and every operation shares, added to its spec once
 * here instead of on each controller: the error body (the one shape of smarthome.api.errors), the
 * 401/403 answers of every operation that needs a key, and the descriptions of the path ids.
 */
final class OpenApiCompletion {
  static final String ERROR_REF = "#/components/schemas/ApiError";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Map<String, String> PATH_IDS = Map.of(
      "device_id", "the device's id: 1-64 characters of A-Z a-z 0-9 _ . : -, starting with a letter or digit",
      "image_id", "the image's id, a UUID");

  private OpenApiCompletion() {}

  static ObjectNode complete(ObjectNode spec) {
    ObjectNode schemas = spec.with("components").with("schemas");
    schemas.set("ApiError", errorSchema());
    Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
    while (paths.hasNext()) {
      Iterator<Map.Entry<String, JsonNode>> ops = paths.next().getValue().fields();
      while (ops.hasNext()) {
        if (ops.next().getValue() instanceof ObjectNode op) {
          completeOperation(op);
        }
      }
    }
    return spec;
  }

  private static void completeOperation(ObjectNode op) {
    ObjectNode responses = op.with("responses");
    if (op.path("security").size() > 0) {
      putIfAbsent(responses, "401", "missing or invalid API key");
      putIfAbsent(responses, "403", "the key's role may not do this");
    }
    Iterator<Map.Entry<String, JsonNode>> it = responses.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> r = it.next();
      if (r.getKey().compareTo("400") >= 0 && r.getValue() instanceof ObjectNode resp) {
        ObjectNode json = F.objectNode();
        json.set("schema", F.objectNode().put("$ref", ERROR_REF));
        resp.set("content", F.objectNode().set("application/json", json));
      }
    }
    for (JsonNode p : op.path("parameters")) {
      String desc = PATH_IDS.get(p.path("name").asText());
      if (p instanceof ObjectNode param && "path".equals(p.path("in").asText()) && desc != null
          && !p.hasNonNull("description")) {
        param.put("description", desc);
      }
    }
  }

  private static void putIfAbsent(ObjectNode responses, String code, String description) {
    if (!responses.has(code)) {
      responses.set(code, F.objectNode().put("description", description));
    }
  }

  /** The body of every error answer (smarthome.api.errors.ApiError). */
  private static ObjectNode errorSchema() {
    ObjectNode s = F.objectNode().put("type", "object")
        .put("description", "every error of the API has this body; clients need only read message");
    ArrayNode required = s.putArray("required");
    ObjectNode props = s.putObject("properties");
    prop(props, required, "status", "integer", "the HTTP status code, e.g. 404");
    prop(props, required, "error", "string", "the status's reason phrase, e.g. Not Found");
    prop(props, required, "message", "string", "what was wrong, for people");
    prop(props, required, "path", "string", "the request's path");
    prop(props, required, "detail", "string",
        "the message again, for clients written for FastAPI's error shape (the seed service)");
    s.put("example", "{\"status\":404,\"error\":\"Not Found\",\"message\":\"device 'x' not found\","
        + "\"path\":\"/devices/x\",\"detail\":\"device 'x' not found\"}");
    return s;
  }

  private static void prop(ObjectNode props, ArrayNode required, String name, String type, String description) {
    props.putObject(name).put("type", type).put("description", description);
    required.add(name);
  }
}
