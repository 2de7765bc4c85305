package smarthome.api.auth;

/**
 * A configured key as the rest of the API sees it: a name safe to log and to limit by, its role,
 * and the devices it is scoped to (empty: every device). The secret stays inside {@link ApiKeys}.
 */
public record ApiKey(String name, Role role, java.util.Set<String> devices) {
  public ApiKey(String name, Role role) {
    this(name, role, java.util.Set.of());
  }

  public boolean scoped() {
    return !devices.isEmpty();
  }

  /** The request attribute under which {@link ApiKeyFilter} leaves the caller's key. */
  public static final String ATTRIBUTE = "smarthome.api-key";
}
