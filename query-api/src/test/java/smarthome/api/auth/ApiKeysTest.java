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
    ApiKeys k = ApiKeys.parse(" admin:aaaaaaaa1 , read:bbbbbbbb2,WRITE:cccccccc3 ");
    assertEquals(3, k.size());
    assertEquals(Optional.of(Role.ADMIN), k.roleOf("aaaaaaaa1"));
    assertEquals(Optional.of(Role.READ), k.roleOf("bbbbbbbb2"));
    assertEquals(Optional.of(Role.WRITE), k.roleOf("cccccccc3"));
    assertEquals(Optional.empty(), k.roleOf("aaaaaaaa"));
    assertEquals(Optional.empty(), k.roleOf(null));
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
    var shortKey = assertThrows(ConfigError.class, () -> ApiKeys.parse("admin:secret1"));
    assertFalse(shortKey.getMessage().contains("secret1"));
    assertTrue(assertThrows(ConfigError.class, () -> ApiKeys.parse("root:aaaaaaaa1")).getMessage().contains("role"));
    assertTrue(assertThrows(ConfigError.class, () -> ApiKeys.parse("aaaaaaaa1")).getMessage().contains("role:key"));
    var dup = assertThrows(ConfigError.class, () -> ApiKeys.parse("admin:aaaaaaaa1,read:aaaaaaaa1"));
    assertFalse(dup.getMessage().contains("aaaaaaaa1"));
  }

  @Test
  void onlyHealthAndDocsAreOpen() {
    assertTrue(ApiKeyFilter.isOpen("/health"));
    assertTrue(ApiKeyFilter.isOpen("/docs/"));
    assertTrue(ApiKeyFilter.isOpen("/redoc/res/redoc.standalone.js"));
    assertTrue(ApiKeyFilter.isOpen("/swagger/smart-home-iot-data-api-0.1.yml"));
    assertFalse(ApiKeyFilter.isOpen("/devices"));
    assertFalse(ApiKeyFilter.isOpen("/prometheus"));
    assertFalse(ApiKeyFilter.isOpen("/healthz"));
    assertFalse(ApiKeyFilter.isOpen("/docsx"));
  }
}
