package smarthome.api.auth;

/**
 * A configured key as the rest of the API sees it: a name safe to log and to limit by, and its
 * role. The secret itself stays inside {@link ApiKeys}.
 */
public record ApiKey(String name, Role role) {
  /** The request attribute under which {@link ApiKeyFilter} leaves the caller's key. */
  public static final String ATTRIBUTE = "smarthome.api-key";
}
