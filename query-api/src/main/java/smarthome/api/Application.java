package smarthome.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.HashMap;
import java.util.Map;
import smarthome.common.config.ConfigError;
import smarthome.common.config.Env;

/** The query API: reads and deletes over the stores, plus the two write endpoints that publish. */
@OpenAPIDefinition(info = @Info(title = "Smart-home IoT data API", version = "0.1",
    description = "Devices, sensor readings, logs and camera images of a smart home. Every call "
        + "but /health, these docs and /openapi.json needs an API key: press Authorize and paste "
        + "it. Errors always have the body {status, error, message, path}.",
    license = @License(name = "Apache-2.0")))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer",
    description = "an API key from API_KEYS (role:key); read keys can GET, write keys also POST, "
        + "admin keys also DELETE")
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    ApiConfig config;
    try {
      config = ApiConfig.parse(Env.load());
    } catch (ConfigError e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Micronaut.build(args).mainClass(Application.class).properties(properties(config))
        .singletons(config).start();
  }

  /** Micronaut settings derived from our configuration (port, TLS, CORS). */
  public static Map<String, Object> properties(ApiConfig config) {
    Map<String, Object> p = new HashMap<>();
    p.put("micronaut.server.port", config.port);
    config.tls.ifPresent(tls -> {
      // HTTPS only, on our port: without dual-protocol Micronaut binds no plain HTTP listener
      p.put("micronaut.server.ssl.enabled", true);
      p.put("micronaut.server.dual-protocol", false);
      p.put("micronaut.server.ssl.port", config.port == 0 ? -1 : config.port);
      p.put("micronaut.server.ssl.key-store.certificate-path", "file:" + tls.certFile());
      p.put("micronaut.server.ssl.key-store.key-path", "file:" + tls.keyFile());
    });
    if (!config.corsOrigins.isEmpty()) {
      // only the listed origins, no credentials: keys travel in the Authorization header
      p.put("micronaut.server.cors.enabled", true);
      p.put("micronaut.server.cors.configurations.dashboards.allowed-origins", config.corsOrigins);
      p.put("micronaut.server.cors.configurations.dashboards.allow-credentials", false);
      p.put("micronaut.server.cors.configurations.dashboards.allowed-methods",
          java.util.List.of("GET", "POST", "DELETE"));
      p.put("micronaut.server.cors.configurations.dashboards.allowed-headers",
          java.util.List.of("Authorization", "Content-Type"));
      p.put("micronaut.server.cors.configurations.dashboards.exposed-headers",
          java.util.List.of("Link", "Location", "Retry-After", "RateLimit", "RateLimit-Policy"));
    }
    return p;
  }
}
