package smarthome.api.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document, open like the docs, for client generators and dashboards: the spec the
 * annotation processor wrote at build time, completed by {@link OpenApiCompletion}, in JSON and
 * YAML. Built once at start-up: a missing spec is a broken build and stops the API.
 */
@Controller
@Tag(name = "documentation")
public class OpenApiController {
  /** The file name is fixed by the processor option micronaut.openapi.filename in the pom. */
  static final String SPEC = "META-INF/swagger/smarthome-api.yml";
  static final MediaType YAML = MediaType.of("application/yaml");

  private final byte[] json;
  private final byte[] yaml;

  public OpenApiController() {
    ObjectMapper yamlMapper = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SPEC)) {
      if (in == null) {
        throw new IllegalStateException(SPEC + " is not on the class path: the build did not generate it");
      }
      ObjectNode spec = OpenApiCompletion.complete((ObjectNode) yamlMapper.readTree(in));
      json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(spec);
      yaml = yamlMapper.writeValueAsBytes(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(uri = "/openapi.json", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "This API's OpenAPI 3 document, JSON (no key needed)")
  @ApiResponse(responseCode = "200", description = "the OpenAPI document")
  public HttpResponse<byte[]> json() {
    return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @Get(uri = "/openapi.yml", produces = "application/yaml")
  @Operation(summary = "This API's OpenAPI 3 document, YAML (no key needed)")
  @ApiResponse(responseCode = "200", description = "the OpenAPI document")
  public HttpResponse<byte[]> yaml() {
    return HttpResponse.ok(yaml).contentType(YAML);
  }
}
