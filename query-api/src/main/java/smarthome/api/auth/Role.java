package smarthome.api.auth;

import java.util.Locale;

/** What a key may do: read GETs, write also the POSTs, admin also DELETE. */
public enum Role {
  READ, WRITE, ADMIN;

  public boolean allows(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
