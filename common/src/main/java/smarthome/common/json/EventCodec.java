package smarthome.common.json;

/**
 * JSON encoding of one event type. {@code decode} is strict: it accepts exactly what the contract in
 * DESIGN.md allows and says why anything else is refused.
 */
public interface EventCodec<T> {
  byte[] encode(T event);

  /** @throws InvalidEventException with the reason, never any other exception for bad input */
  T decode(byte[] json) throws InvalidEventException;
}
