package smarthome.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smarthome.common.config.ConfigError;

class ApiKeysTest {
  @Test
  void parsesRolesAndFindsTheRoleOfAKey() {
    ApiKeys k = ApiKeys.parse(" admin:aaaaaaaa-long-enough-1 , read:bbbbbbbb-long-enough-2,WRITE:cccccccc-long-enough-3 ");
    assertEquals(3, k.size());
    assertEquals(Optional.of(Role.ADMIN), k.roleOf("aaaaaaaa-long-enough-1"));
    assertEquals(Optional.of(Role.READ), k.roleOf("bbbbbbbb-long-enough-2"));
    assertEquals(Optional.of(Role.WRITE), k.roleOf("cccccccc-long-enough-3"));
    assertEquals(Optional.empty(), k.roleOf("aaaaaaaa-long-enough-"));
    assertEquals(Optional.empty(), k.roleOf(null));
    assertEquals(Optional.of(new ApiKey("read-2", Role.READ)), k.find("bbbbbbbb-long-enough-2"));
  }

  @Test
  void aMetricsKeyReadsOnlyTheMetrics() {
    assertEquals(Role.METRICS, ApiKeys.parse("metrics:aaaaaaaa-long-enough-1").roleOf("aaaaaaaa-long-enough-1").orElseThrow());
    assertEquals(Role.METRICS, ApiKeyFilter.needed(HttpMethod.GET, "/prometheus"));
    assertTrue(Role.METRICS.allows(Role.METRICS) && Role.ADMIN.allows(Role.METRICS));
    assertFalse(Role.METRICS.allows(Role.READ));
    assertFalse(Role.READ.allows(Role.METRICS) || Role.WRITE.allows(Role.METRICS));
  }

  @Test
  void rolesAreOrdered() {
    assertTrue(Role.ADMIN.allows(Role.WRITE) && Role.ADMIN.allows(Role.READ));
    assertTrue(Role.WRITE.allows(Role.READ) && !Role.WRITE.allows(Role.ADMIN));
    assertFalse(Role.READ.allows(Role.WRITE));
    assertEquals(Role.READ, ApiKeyFilter.needed(HttpMethod.GET));
    assertEquals(Role.WRITE, ApiKeyFilter.needed(HttpMethod.POST));
    assertEquals(Role.ADMIN, ApiKeyFilter.needed(HttpMethod.DELETE));
  }

  @Test
  void refusesEmptyShortUnknownOrRepeatedKeysWithoutEchoingThem() {
    assertTrue(assertThrows(ConfigError.class, () -> ApiKeys.parse("")).getMessage().contains("refuses to start"));
    var shortKey = assertThrows(ConfigError.class, () -> ApiKeys.parse("admin:fifteen-chars-1"));
    assertFalse(shortKey.getMessage().contains("fifteen-chars-1"));
    assertTrue(shortKey.getMessage().contains("at least 16"), shortKey.getMessage());
    assertEquals(16, "sixteen-chars-01".length());
    assertEquals(Role.READ, ApiKeys.parse("read:sixteen-chars-01").roleOf("sixteen-chars-01").orElseThrow());
    for (String placeholder : new String[] {ApiKeys.PLACEHOLDER, "REPLACE-WITH-A-RANDOM-KEY"}) {
      var p = assertThrows(ConfigError.class, () -> ApiKeys.parse("admin:" + placeholder));
      assertTrue(p.getMessage().contains("placeholder") && p.getMessage().contains("API_KEYS"), p.getMessage());
    }
    assertTrue(assertThrows(ConfigError.class, () -> ApiKeys.parse("root:aaaaaaaa-long-enough-1")).getMessage().contains("role"));
    assertTrue(assertThrows(ConfigError.class, () -> ApiKeys.parse("aaaaaaaa-long-enough-1")).getMessage().contains("role[@device+device]:key"));
    var dup = assertThrows(ConfigError.class, () -> ApiKeys.parse("admin:aaaaaaaa-long-enough-1,read:aaaaaaaa-long-enough-1"));
    assertFalse(dup.getMessage().contains("aaaaaaaa-long-enough-1"));
  }

  @Test
  void onlyHealthDocsAndTheDashboardFilesAreOpen() {
    assertTrue(ApiKeyFilter.isOpen("/ui/"));
    assertTrue(ApiKeyFilter.isOpen("/ui/fleet.js"));
    assertTrue(ApiKeyFilter.isOpen("/webjars/uplot/1.6.30/dist/uPlot.esm.js"));
    assertFalse(ApiKeyFilter.isOpen("/webjars/other/1.0/x.js"));
    assertFalse(ApiKeyFilter.isOpen("/uix"));
    assertFalse(ApiKeyFilter.isOpen("/key"));
    assertTrue(ApiKeyFilter.isOpen("/health"));
    assertTrue(ApiKeyFilter.isOpen("/docs/"));
    assertTrue(ApiKeyFilter.isOpen("/redoc/res/redoc.standalone.js"));
    assertTrue(ApiKeyFilter.isOpen("/swagger/smart-home-iot-data-api-0.1.yml"));
    assertFalse(ApiKeyFilter.isOpen("/devices"));
    assertFalse(ApiKeyFilter.isOpen("/prometheus"));
    assertFalse(ApiKeyFilter.isOpen("/healthz"));
    assertFalse(ApiKeyFilter.isOpen("/docsx"));
  }

  @Test
  void aKeyMayHaveANameAndBeScopedToDevices() {
    ApiKeys k = ApiKeys.parse("hall-camera=write@camera_1+camera_2:scoped-key-000001,read:plain-key-0000001");
    ApiKey scoped = k.find("scoped-key-000001").orElseThrow();
    assertEquals("hall-camera", scoped.name());
    assertEquals(Role.WRITE, scoped.role());
    assertEquals(java.util.Set.of("camera_1", "camera_2"), scoped.devices());
    assertTrue(scoped.scoped());
    ApiKey plain = k.find("plain-key-0000001").orElseThrow();
    assertEquals("read-2", plain.name());
    assertFalse(plain.scoped());
    for (String bad : new String[] {"write@bad/id:scoped-key-000001", "=write:scoped-key-000001",
        "a=b=write:scoped-key-000001", "cam=write@:scoped-key-000001"}) {
      ConfigError e = assertThrows(ConfigError.class, () -> ApiKeys.parse(bad), bad);
      assertFalse(e.getMessage().contains("scoped-key-000001"), e.getMessage());
    }
    assertTrue(assertThrows(ConfigError.class, () -> ApiKeys.parse(
        "cam=write:scoped-key-000001,cam=read:scoped-key-000002")).getMessage().contains("repeats the name"));
  }

  @Test
  void theDeviceOfAPath() {
    assertEquals(Optional.of("camera_1"), DevicePath.deviceOf("/devices/camera_1"));
    assertEquals(Optional.of("camera_1"), DevicePath.deviceOf("/devices/camera_1/images/x"));
    assertEquals(Optional.empty(), DevicePath.deviceOf("/devices"));
    assertEquals(Optional.empty(), DevicePath.deviceOf("/device-types"));
    assertEquals(Optional.of("camera%5F1"), DevicePath.deviceOf("/devices/camera%5F1/logs"));
  }
}
