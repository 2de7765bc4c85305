package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json and /openapi.yml: open, valid for a real OpenAPI parser, and complete: every route
 * Micronaut's router holds is in them, every operation, parameter and response is described, and
 * every error answer points at the one error body the API really sends.
 */
class OpenApiIT {
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = Api.start();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  static OpenAPI parse(String body) {
    SwaggerParseResult r = new OpenAPIV3Parser().readContents(body);
    assertTrue(r.getMessages() == null || r.getMessages().isEmpty(), "parser messages: " + r.getMessages());
    assertNotNull(r.getOpenAPI());
    return r.getOpenAPI();
  }

  @Test
  void bothFormsAreOpenValidAndTheSame() throws Exception {
    HttpResponse<String> json = api.get("/openapi.json", null);
    assertEquals(200, json.statusCode(), json.body());
    assertTrue(json.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    HttpResponse<String> yml = api.get("/openapi.yml", null);
    assertEquals(200, yml.statusCode(), yml.body());
    assertTrue(yml.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
    assertEquals(parse(json.body()), parse(yml.body()));
  }

  @Test
  void everyRouteOfTheApplicationIsDescribed() throws Exception {
    OpenAPI spec = parse(api.get("/openapi.json", null).body());
    Set<String> missing = new TreeSet<>();
    int routes = 0;
    for (UriRouteInfo<?, ?> route : api.bean(Router.class).uriRoutes().toList()) {
      routes++;
      String path = route.getUriMatchTemplate().toString();
      PathItem item = spec.getPaths().get(path);
      // Micronaut answers HEAD for every GET: HTTP's GET without the body, described by the GET
      String method = route.getHttpMethodName().equals("HEAD") ? "GET" : route.getHttpMethodName();
      Operation op = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
      if (op == null) {
        missing.add(route.getHttpMethodName() + " " + path);
      }
    }
    assertTrue(routes >= 15, "the router lists the application's routes: " + routes);
    assertTrue(missing.isEmpty(), "routes missing from the spec: " + missing);
  }

  @Test
  void everyOperationParameterAndResponseIsDescribedAndErrorsHaveTheirBody() throws Exception {
    OpenAPI spec = parse(api.get("/openapi.json", null).body());
    Schema<?> error = spec.getComponents().getSchemas().get("ApiError");
    assertNotNull(error, "the error body is a schema");
    assertEquals(Set.of("status", "error", "message", "path", "detail"), Set.copyOf(error.getRequired()));
    List<String> defects = new ArrayList<>();
    spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      String where = method + " " + path;
      if (op.getSummary() == null || op.getSummary().isBlank()) {
        defects.add(where + ": no summary");
      }
      for (Parameter p : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
        if (p.getDescription() == null || p.getDescription().isBlank()) {
          defects.add(where + ": parameter " + p.getName() + " has no description");
        }
      }
      boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
      if (secured && (!op.getResponses().containsKey("401") || !op.getResponses().containsKey("403"))) {
        defects.add(where + ": needs a key but documents no 401/403");
      }
      for (Map.Entry<String, ApiResponse> r : op.getResponses().entrySet()) {
        if (r.getValue().getDescription() == null || r.getValue().getDescription().isBlank()) {
          defects.add(where + " " + r.getKey() + ": no description");
        }
        if (r.getKey().compareTo("400") >= 0) {
          var content = r.getValue().getContent();
          var media = content == null ? null : content.get("application/json");
          if (media == null || !"#/components/schemas/ApiError".equals(media.getSchema().get$ref())) {
            defects.add(where + " " + r.getKey() + ": the error body is not ApiError");
          }
        }
      }
    }));
    assertTrue(defects.isEmpty(), String.join("\n", defects));
  }

  @Test
  void theDocumentedErrorBodyIsTheOneSent() throws Exception {
    OpenAPI spec = parse(api.get("/openapi.json", null).body());
    HttpResponse<String> r = api.get("/devices/no_such_device_x/logs", Api.READ);
    assertEquals(404, r.statusCode());
    JsonNode body = Json.parse(r.body());
    Set<String> sent = new TreeSet<>();
    body.fieldNames().forEachRemaining(sent::add);
    assertEquals(new TreeSet<>(spec.getComponents().getSchemas().get("ApiError").getProperties().keySet()), sent);
    assertFalse(body.get("message").asText().isEmpty());
  }
}
