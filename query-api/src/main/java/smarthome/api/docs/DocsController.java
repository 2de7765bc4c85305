package smarthome.api.docs;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The documentation works with no internet: Swagger UI and ReDoc are served from resources bundled
 * at build time. ReDoc's script still points its logo at a CDN; this serves the script with that
 * one URL replaced by an inline image, so opening /redoc makes no request beyond this server.
 */
@Controller
@Tag(name = "documentation")
public class DocsController {
  static final String SCRIPT = "META-INF/swagger/views/redoc/res/redoc.standalone.js";
  static final String CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  static final String INLINE_LOGO = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
      + "width='16' height='16'%3E%3Crect width='16' height='16' rx='3' fill='%2332329f'/%3E%3C/svg%3E";

  private final byte[] redoc;

  public DocsController() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SCRIPT)) {
      redoc = in == null ? new byte[0]
          : new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(CDN_LOGO, INLINE_LOGO)
              .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/")
  @Operation(summary = "Redirects to the dashboard at /ui/ (no key needed; the API docs are at /docs/)")
  @ApiResponse(responseCode = "303", description = "to /ui/")
  public HttpResponse<?> root() {
    return HttpResponse.seeOther(URI.create("/ui/"));
  }

  @Get(uri = "/redoc/res/redoc.standalone.js", produces = "application/javascript")
  @Operation(summary = "ReDoc's script, served without its CDN logo (no key needed)")
  @ApiResponse(responseCode = "200", description = "the script")
  @ApiResponse(responseCode = "404", description = "the build bundled no ReDoc")
  public HttpResponse<byte[]> redocScript() {
    if (redoc.length == 0) {
      return HttpResponse.notFound();
    }
    return HttpResponse.ok(redoc).contentType(MediaType.of("application/javascript"))
        .header("Cache-Control", "public, max-age=3600");
  }
}
